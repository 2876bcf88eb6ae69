/**
 * htmlparser2's tokenizer, the single linear pass under every markup reader here (xml.ts,
 * nesting.ts, discover.ts): its Parser is left aside because it keeps open elements with
 * `Array.unshift`, quadratic in nesting depth. Entities are left to the caller.
 */
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";

const IGNORED: TokenizerCallbacks = {
  onattribdata() {},
  onattribentity() {},
  onattribend() {},
  onattribname() {},
  oncdata() {},
  onclosetag() {},
  oncomment() {},
  ondeclaration() {},
  onend() {},
  onopentagend() {},
  onopentagname() {},
  onprocessinginstruction() {},
  onselfclosingtag() {},
  ontext() {},
  ontextentity() {},
};

export function tokenize(text: string, xmlMode: boolean, callbacks: Partial<TokenizerCallbacks>): void {
  const tokenizer = new Tokenizer({ xmlMode, decodeEntities: false }, { ...IGNORED, ...callbacks });
  tokenizer.write(text);
  tokenizer.end();
}
