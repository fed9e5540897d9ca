/** `config/site.json` without its privacy statement, checked at build (`src/build/siteConfigPlugin.ts`). */
declare module 'virtual:site-config' {
  const site: unknown;
  export default site;
}

/** The privacy statement of `config/site.json`, in a chunk of its own. */
declare module 'virtual:site-privacy' {
  const privacy: unknown;
  export default privacy;
}
