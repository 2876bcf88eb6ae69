// @ts-check
// The editor's start: registers the comment-keeping YAML format, then starts Decap CMS (loaded
// just before with `CMS_MANUAL_INIT`, so that the format exists when the configuration is read).
import * as YAML from "./yaml/index.js";
import { FORMAT_NAME, commentedYamlFormat } from "./yaml-format.js";

const cms = /** @type {any} */ (window).CMS;
cms.registerCustomFormat(FORMAT_NAME, "yaml", commentedYamlFormat(YAML));
cms.init();
