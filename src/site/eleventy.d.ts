// Eleventy 3 ships no type declarations; the config only needs to know it is a module.
declare module "@11ty/eleventy";
declare module "@11ty/eleventy-plugin-rss";
