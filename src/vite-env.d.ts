/// <reference types="vite-plugin-pwa/react" />
/// <reference types="vite/client" />

/** The questionnaire catalog of this build (`src/build/questionnairesPlugin.ts`). */
declare module 'virtual:questionnaire-catalog' {
  const catalog: readonly unknown[];
  export default catalog;
}
