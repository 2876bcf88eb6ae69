/**
 * Text folding shared by the classifier, the dedupe keys and the maintainer commands: case and
 * French accents do not make two words different (« Laïcité » = « laicite »).
 *
 * Only marks carried by Latin letters are dropped. Other scripts keep theirs, since there a mark
 * is part of the letter (Japanese が is not か, Hindi की is not क): folding never erases a word
 * written in Arabic, Cyrillic, Chinese or any other script, it only lowers its case.
 */

/**
 * Text of these characters only (ASCII, Latin-1, Latin Extended-A and B, general punctuation,
 * the euro sign: nearly every French title and summary) decomposes into Latin letters and marks
 * of the combining diacritics block, and nothing in it composes again once they are gone: there
 * a plain character range drops the marks and no composition is needed. The Unicode-aware pattern
 * took half of fold's time (tests/core/text.test.ts compares both on every pair of characters).
 */
const LATIN_TEXT = /^[\0-\u024f\u2000-\u206f\u20ac]*$/;
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;

export function fold(text: string): string {
  const unmarked = LATIN_TEXT.test(text)
    ? text.normalize("NFD").replace(COMBINING_DIACRITICS, "")
    : text
        .normalize("NFD")
        .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
        .normalize("NFC");
  return unmarked.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae");
}
