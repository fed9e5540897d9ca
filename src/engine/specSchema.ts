import * as yup from 'yup';

/**
 * The structure of a questionnaire file (PA1). Strict: no coercion, and
 * unknown keys are errors so that a misspelt key cannot silently do nothing.
 * References, cycles and placeholders are checked in `checkSemantics.ts`.
 */

const ID = /^[a-z0-9][a-z0-9_.-]*$/;
const idMessage = 'must be lowercase letters, digits, "_", "-" or "." (no spaces or æøå)';

const id = () => yup.string().strict().required('is required').matches(ID, idMessage);

const text = (language: string) =>
  yup
    .string()
    .strict()
    .required(`${language} text is missing or empty`)
    .test('non-blank', `${language} text is blank`, (v) => !v || v.trim().length > 0);

/** Both languages, always. */
const localized = () =>
  yup
    .object({ nb: text('Bokmål (nb)'), nn: text('Nynorsk (nn)') })
    .strict()
    .noUnknown('only "nb" and "nn" texts are allowed; unknown key(s): ${unknown}')
    .default(undefined);

const comment = yup.string().strict().optional();

function closed<T extends yup.ObjectShape>(shape: T) {
  return yup
    .object({ ...shape, $comment: comment })
    .strict()
    .noUnknown('unknown key(s): ${unknown}')
    .default(undefined);
}

const wholeNumber = () => yup.number().strict().integer('must be a whole number');

function recordOf(valueSchema: yup.AnySchema | yup.Lazy<unknown>, isRequired = false) {
  return yup.lazy((value: unknown) => {
    if (value === undefined) {
      return yup.mixed().test('required', 'is required', () => !isRequired);
    }
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? yup
          .object(Object.fromEntries(Object.keys(value).map((k) => [k, valueSchema])))
          .strict()
          .default(undefined)
      : yup.mixed().test('object', 'must be an object', () => false);
  });
}

const OPERATORS = ['equals', 'in', 'answered', 'count', 'not', 'and', 'or'] as const;

function conditionFor(value: unknown): yup.AnySchema {
  const keys =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.keys(value).filter((k) => (OPERATORS as readonly string[]).includes(k))
      : [];
  const operator = keys.length === 1 ? keys[0] : undefined;
  const optionalRow = { row: id().optional() };
  switch (operator) {
    case 'equals':
      return closed({
        equals: id(),
        ...optionalRow,
        value: yup
          .mixed<string | number>()
          .required('is required')
          .test('scalar', 'must be an option id or a number', (v) =>
            ['string', 'number'].includes(typeof v),
          ),
      });
    case 'in':
      return closed({
        in: id(),
        ...optionalRow,
        values: yup
          .array(yup.mixed<string | number>().required())
          .strict()
          .required('is required')
          .min(1, 'needs at least one value'),
      });
    case 'answered':
      return closed({ answered: id(), ...optionalRow });
    case 'count':
      return closed({
        count: id(),
        value: id().optional(),
        min: wholeNumber().min(0).optional(),
        max: wholeNumber().min(0).optional(),
      });
    case 'not':
      return closed({ not: conditionSchema });
    case 'and':
    case 'or':
      return closed({
        [operator]: yup.array(conditionSchema).strict().required().min(1, 'needs a condition'),
      });
    default:
      return yup
        .mixed()
        .test(
          'operator',
          `a condition is an object with exactly one of ${OPERATORS.join(', ')}`,
          () => false,
        );
  }
}

const conditionSchema: yup.Lazy<unknown> = yup.lazy(conditionFor);
const optionalCondition = yup.lazy((value: unknown) =>
  value === undefined ? yup.mixed().optional() : conditionFor(value),
);

const option = closed({
  id: id(),
  text: localized().required('is required'),
  score: wholeNumber().optional(),
  exclusive: yup.boolean().strict().optional(),
});

const options = () => yup.array(option).strict().min(2, 'needs at least 2 options');

const questionBase = {
  id: id(),
  text: localized().required('is required'),
  help: localized().optional(),
  required: yup.boolean().strict().optional(),
  visibleIf: optionalCondition,
};

const choiceSource = { options: options().optional(), scale: yup.string().strict().optional() };

const gridRow = closed({
  id: id(),
  text: localized().required('is required'),
  visibleIf: optionalCondition,
  pipe: id().optional(),
});

const allocationRow = closed({
  id: id(),
  text: localized().required('is required'),
  help: localized().optional(),
});

const QUESTION_TYPES = ['single', 'multiple', 'grid', 'allocation', 'number', 'text'] as const;

const questionSchemas: Record<(typeof QUESTION_TYPES)[number], yup.AnySchema> = {
  single: closed({ type: yup.string().strict(), ...questionBase, ...choiceSource }),
  multiple: closed({
    type: yup.string().strict(),
    ...questionBase,
    ...choiceSource,
    minSelected: wholeNumber().min(1).optional(),
    maxSelected: wholeNumber().min(1).optional(),
  }),
  grid: closed({
    type: yup.string().strict(),
    ...questionBase,
    ...choiceSource,
    rows: yup.array(gridRow).strict().required('is required').min(1, 'needs at least one row'),
  }),
  allocation: closed({
    type: yup.string().strict(),
    ...questionBase,
    rows: yup
      .array(allocationRow)
      .strict()
      .required('is required')
      .min(2, 'an allocation needs at least 2 rows to share the total between'),
    total: wholeNumber().min(1).optional(),
  }),
  number: closed({
    type: yup.string().strict(),
    ...questionBase,
    min: yup.number().strict().optional(),
    max: yup.number().strict().optional(),
    integer: yup.boolean().strict().optional(),
    unit: localized().optional(),
  }),
  text: closed({
    type: yup.string().strict(),
    ...questionBase,
    maxLength: wholeNumber().min(1).required('is required: every free text has a maximum length'),
    multiline: yup.boolean().strict().optional(),
    specifies: closed({ question: id(), option: id() }).optional(),
  }),
};

const questionSchema = yup.lazy((value: unknown) => {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && Object.hasOwn(questionSchemas, type)) {
    return questionSchemas[type as keyof typeof questionSchemas];
  }
  return yup.object({
    type: yup
      .string()
      .strict()
      .required('is required')
      .oneOf([...QUESTION_TYPES], `must be one of ${QUESTION_TYPES.join(', ')}`),
  });
});

const section = closed({
  id: id(),
  title: localized().required('is required'),
  intro: localized().optional(),
  visibleIf: optionalCondition,
  questions: yup.array(questionSchema).strict().required('is required').min(1, 'needs a question'),
});

const countParams = {
  question: id(),
  base: yup.number().strict().required().min(0).max(100),
  step: yup.number().strict().required().min(0).max(100),
  fullAt: wholeNumber().required().min(1),
};

const optionIds = () => yup.array(id()).strict().required('is required');

const RULES = ['scale', 'count', 'tick', 'points', 'gatedCount', 'max'] as const;

const itemSchemas: Record<(typeof RULES)[number], yup.AnySchema> = {
  scale: closed({ rule: yup.string().strict(), question: id(), row: id().optional() }),
  count: closed({
    rule: yup.string().strict(),
    ...countParams,
    zero: optionIds(),
    missing: optionIds(),
  }),
  tick: closed({ rule: yup.string().strict(), question: id(), option: id(), missing: optionIds() }),
  points: closed({
    rule: yup.string().strict(),
    question: id(),
    points: recordOf(yup.number().strict().required().min(0).max(100), true),
  }),
  gatedCount: closed({
    rule: yup.string().strict(),
    gate: id(),
    yes: id(),
    no: id(),
    ...countParams,
  }),
  max: closed({ rule: yup.string().strict(), question: id() }),
};

const itemSchema = yup.lazy((value: unknown) => {
  const rule = (value as { rule?: unknown } | null)?.rule;
  if (typeof rule === 'string' && Object.hasOwn(itemSchemas, rule)) {
    return itemSchemas[rule as keyof typeof itemSchemas];
  }
  return yup.object({
    rule: yup
      .string()
      .strict()
      .required('is required')
      .oneOf([...RULES], `must be one of ${RULES.join(', ')}`),
  });
});

const indicator = closed({
  id: id(),
  name: localized().required('is required'),
  description: localized().required('is required'),
  items: yup.array(itemSchema).strict().required('is required').min(1, 'needs an item'),
});

export const questionnaireSchema = closed({
  $schema: yup.string().strict().optional(),
  id: yup
    .string()
    .strict()
    .required('is required')
    .matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters and digits joined by "-"'),
  version: wholeNumber().required('is required').min(1, 'must be 1 or more'),
  title: localized().required('is required'),
  description: localized().optional(),
  provenance: closed({
    completeness: yup
      .string()
      .strict()
      .required('is required')
      .oneOf(['full', 'partial'], 'must be "full" or "partial"'),
    note: localized().required('is required'),
  }).required('is required: say where the questionnaire comes from'),
  parameters: recordOf(
    yup.lazy((value: unknown) =>
      typeof value === 'string'
        ? yup.string().strict()
        : localized().required('must be a string or an { "nb", "nn" } text'),
    ),
  ),
  scales: recordOf(closed({ options: options().required('is required') })),
  sections: yup.array(section).strict().required('is required').min(1, 'needs a section'),
  indicators: yup.array(indicator).strict().optional(),
  benchmarkGroups: yup
    .array(closed({ id: id(), question: id(), name: localized().required('is required') }))
    .strict()
    .optional(),
});
