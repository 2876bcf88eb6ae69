import { watchItemData } from "../../src/site/directory-data.ts";

export default watchItemData;
