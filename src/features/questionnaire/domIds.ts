/** DOM ids for questions; question ids contain dots, which CSS selectors and URLs dislike. */
export const questionDomId = (questionId: string, row?: string) =>
  `q-${questionId.replace(/[^a-zA-Z0-9_-]/g, '-')}${row === undefined ? '' : `--${row}`}`;
