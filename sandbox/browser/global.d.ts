// Style sheets imported for their side effect (bundled by esbuild into the page's .css).
declare module '*.css';
