import type * as YAML from "yaml";

export const SOURCE_TEXT_KEY: string;
export const LIST_KEY: string;
export const FORMAT_NAME: string;
export function commentedYamlFormat(yaml: typeof YAML): {
  fromFile(text: string): Record<string, unknown>;
  toFile(data: Record<string, unknown>): string;
};
