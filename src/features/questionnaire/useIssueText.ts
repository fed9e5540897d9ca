import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { AnswerIssue, Question } from '../../engine/index.ts';

/**
 * The nb/nn sentence for an engine issue code. Numbers in it are written the
 * nb way («12,5», «1 000»); counts of options stay plain, since they also
 * pick the plural form.
 */
export function useIssueText() {
  const { t } = useUiText();
  const { exact } = useFormatters();
  return (issue: AnswerIssue, question: Question): string => {
    const p = issue.params ?? {};
    switch (issue.code) {
      case 'required':
        if (question.type === 'grid') return t('issues.required_row');
        if (question.type === 'multiple') return t('issues.required_multiple');
        if (question.type === 'single') return t('issues.required_choice');
        return t('issues.required');
      case 'exclusive':
        return t('issues.exclusive');
      case 'min_selected':
        return t('issues.min_selected', { count: p.min ?? 1 });
      case 'max_selected':
        return t('issues.max_selected', { count: p.max ?? 1 });
      case 'allocation_sum':
        return t('issues.allocation_sum', { sum: exact(p.sum ?? 0), total: exact(p.total ?? 100) });
      case 'out_of_range':
        return p.min !== undefined && p.max !== undefined
          ? t('issues.out_of_range', { min: exact(p.min), max: exact(p.max) })
          : p.min !== undefined
            ? t('issues.below_min', { min: exact(p.min) })
            : t('issues.above_max', { max: exact(p.max ?? 0) });
      case 'not_integer':
        return t('issues.not_integer');
      case 'too_long':
        return t('issues.too_long', { max: exact(p.max ?? 0) });
      default:
        return t('issues.invalid');
    }
  };
}
