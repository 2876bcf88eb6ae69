import type { UserConfig } from "@11ty/eleventy";
import { parseYamlText } from "./src/core/validation.ts";

export default function (eleventyConfig: any) {
  eleventyConfig.addDataExtension("yaml", (contents: string, file: string) => parseYamlText(contents, file));
  return {
    dir: { input: "content", includes: "../src/layouts", data: "../_data", output: "_site" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
