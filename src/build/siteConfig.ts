import * as yup from 'yup';
import type { Result } from '../engine/index.ts';
import type { PrivacyStatement, SiteConfig } from '../platform/site.ts';

/**
 * The structure of `config/site.json`: who runs each questionnaire, who
 * should answer it, and the privacy statement. Strict like the questionnaire
 * files (no coercion, unknown keys are errors), so a misspelt key cannot
 * silently leave a text out. Parse, don't throw: every error with its path.
 */

const text = (language: string) =>
  yup
    .string()
    .strict()
    .required(`${language} text is missing or empty`)
    .test('non-blank', `${language} text is blank`, (v) => !v || v.trim().length > 0);

const localized = () =>
  yup
    .object({ nb: text('Bokmål (nb)'), nn: text('Nynorsk (nn)') })
    .strict()
    .noUnknown('only "nb" and "nn" texts are allowed; unknown key(s): ${unknown}')
    .default(undefined);

function closed<T extends yup.ObjectShape>(shape: T) {
  return yup
    .object({ ...shape, $comment: yup.string().strict().optional() })
    .strict()
    .noUnknown('unknown key(s): ${unknown}')
    .default(undefined);
}

const ID = /^[a-z0-9][a-z0-9_.-]*$/;

const owner = closed({
  name: localized().required('is required'),
  url: yup
    .string()
    .strict()
    .required('is required')
    .matches(/^https:\/\/[^\s]+$/, 'must be an https:// address'),
  email: yup.string().strict().email('must be an e-mail address').optional(),
  isExample: yup.boolean().strict().optional(),
});

const questionnaire = closed({
  owner: yup.string().strict().required('is required'),
  audience: localized().required('is required'),
});

const section = closed({
  id: yup.string().strict().required('is required').matches(ID, 'must be a lowercase id'),
  heading: localized().required('is required'),
  paragraphs: yup.array(localized().required()).strict().min(1, 'needs a paragraph').required(),
  isExample: yup.boolean().strict().optional(),
});

const recordOf = (schema: yup.AnyObjectSchema, what: string) =>
  yup
    .object()
    .strict()
    .required('is required')
    .test('entries', `each ${what} is checked`, function check(value: object | undefined) {
      const errors: yup.ValidationError[] = [];
      for (const [key, entry] of Object.entries(value ?? {})) {
        if (!ID.test(key))
          errors.push(
            this.createError({ path: `${this.path}.${key}`, message: 'must be a lowercase id' }),
          );
        try {
          schema.validateSync(entry, { abortEarly: false, strict: true });
        } catch (error) {
          if (!(error instanceof yup.ValidationError)) throw error;
          for (const inner of error.inner.length > 0 ? error.inner : [error]) {
            errors.push(
              this.createError({
                path: `${this.path}.${key}${inner.path ? `.${inner.path}` : ''}`,
                message: inner.message,
              }),
            );
          }
        }
      }
      return errors.length === 0 ? true : new yup.ValidationError(errors);
    });

const siteSchema = closed({
  owners: recordOf(owner, 'owner'),
  questionnaires: recordOf(questionnaire, 'questionnaire'),
  privacy: closed({
    updated: yup
      .string()
      .strict()
      .required('is required')
      .matches(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
    sections: yup.array(section.required()).strict().min(1, 'needs a section').required(),
  }).required('is required'),
});

export interface ParsedSite {
  readonly site: SiteConfig;
  readonly privacy: PrivacyStatement;
}

/**
 * Checks the site configuration against its structure and against the
 * questionnaires of the build: every questionnaire must say who runs it and
 * who should answer it, and name an owner the file defines.
 */
export function parseSiteConfig(
  input: unknown,
  questionnaireIds: readonly string[],
): Result<ParsedSite, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: ['$: the site configuration must be a JSON object'] };
  try {
    siteSchema.validateSync(input, { abortEarly: false, strict: true });
  } catch (error) {
    if (!(error instanceof yup.ValidationError)) throw error;
    const all = error.inner.length > 0 ? error.inner : [error];
    return { ok: false, errors: all.map((e) => `$${e.path ? `.${e.path}` : ''}: ${e.message}`) };
  }
  const raw = input as {
    owners: SiteConfig['owners'];
    questionnaires: SiteConfig['questionnaires'];
    privacy: PrivacyStatement;
  };
  const errors: string[] = [];
  for (const [id, entry] of Object.entries(raw.questionnaires)) {
    if (!Object.hasOwn(raw.owners, entry.owner))
      errors.push(`$.questionnaires.${id}.owner: no owner "${entry.owner}" in $.owners`);
  }
  for (const id of questionnaireIds) {
    if (!Object.hasOwn(raw.questionnaires, id))
      errors.push(`$.questionnaires: questionnaire "${id}" needs its owner and audience`);
  }
  const sectionIds = raw.privacy.sections.map((s) => s.id);
  for (const [i, id] of sectionIds.entries()) {
    if (sectionIds.indexOf(id) !== i) errors.push(`$.privacy.sections[${i}].id: "${id}" twice`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      site: { owners: raw.owners, questionnaires: raw.questionnaires },
      privacy: raw.privacy,
    },
  };
}
