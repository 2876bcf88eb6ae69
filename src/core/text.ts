/**
 * Text folding shared by the classifier, the dedupe keys and the maintainer commands: case and
 * French accents do not make two words different (« Laïcité » = « laicite »).
 *
 * Only marks carried by Latin letters are dropped. Other scripts keep theirs, since there a mark
 * is part of the letter (Japanese が is not か, Hindi की is not क): folding never erases a word
 * written in Arabic, Cyrillic, Chinese or any other script, it only lowers its case.
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae");
}
