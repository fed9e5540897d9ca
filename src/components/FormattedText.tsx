import { Fragment } from 'react';

/**
 * Spec texts with paragraphs (blank line) and list items ("- "), as the
 * questionnaire format allows. Text only; never HTML.
 */
export function FormattedText({ text }: { text: string }) {
  const blocks = text.split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split('\n');
        const items = lines.filter((l) => l.trimStart().startsWith('- '));
        if (items.length > 0 && items.length === lines.length) {
          return (
            <ul className="ds-list" key={i}>
              {items.map((item, j) => (
                <li key={j}>{item.trimStart().slice(2)}</li>
              ))}
            </ul>
          );
        }
        if (items.length > 0) {
          const lead = lines.filter((l) => !l.trimStart().startsWith('- '));
          return (
            <Fragment key={i}>
              <p className="ds-paragraph">{lead.join(' ')}</p>
              <ul className="ds-list">
                {items.map((item, j) => (
                  <li key={j}>{item.trimStart().slice(2)}</li>
                ))}
              </ul>
            </Fragment>
          );
        }
        return (
          <p className="ds-paragraph" key={i}>
            {block}
          </p>
        );
      })}
    </>
  );
}
