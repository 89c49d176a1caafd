import { describe, expect, it } from 'vitest';
import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import { wordTokens } from '../../../shared/compare/wordTokens.js';
import { draft, paragraphs } from './fixtures.js';

function redlineOf(before: string, after: string): Array<[string, string]> {
  const one = (text: string) => draft([{ id: 'op-one', heading: '', body: [text] }]);
  return paragraphs(compareDrafts(one(before), one(after)).clauses[0]!.paragraphs);
}

const plain = (text: string) => [{ text, marks: [] }];

describe('word-level redline of non-Latin text', () => {
  it('replaces a whole Greek word, not letters inside it', () => {
    expect(
      redlineOf('Τα Συμμετέχοντα Κράτη θα λαμβάνουν υπόψη τους κινδύνους.', 'Τα Συμμετέχοντα Κράτη θα εξετάζουν τους σοβαρούς κινδύνους.'),
    ).toEqual([['changed', 'Τα Συμμετέχοντα Κράτη θα [-λαμβάνουν υπόψη -]{+εξετάζουν +}τους {+σοβαρούς +}κινδύνους.']]);
  });

  it('replaces a whole Cyrillic word, and keeps hyphenated compounds apart at the hyphen', () => {
    expect(
      redlineOf('Государства-участники будут учитывать права человека.', 'Государства-участники должны учитывать права человека.'),
    ).toEqual([['changed', 'Государства-участники [-будут -]{+должны +}учитывать права человека.']]);
  });

  it('finds word boundaries in Chinese written without spaces', () => {
    expect(wordTokens(plain('各参与国应考虑人权风险。')).map((t) => t.key.split('\u0001')[1])).toEqual([
      '各',
      '参与',
      '国',
      '应',
      '考虑',
      '人权',
      '风险',
      '。',
    ]);
    expect(redlineOf('各参与国应考虑人权风险。', '各参与国应认真考虑人权风险。')).toEqual([
      ['changed', '各参与国应{+认真+}考虑人权风险。'],
    ]);
    expect(redlineOf('締約國應當考慮人權狀況。', '締約國應當評估人權狀況。')).toEqual([
      ['changed', '締約國應當[-考慮-]{+評估+}人權狀況。'],
    ]);
  });

  it('keeps Latin letters with diacritics inside their words', () => {
    expect(redlineOf("Türkiye and Côte d'Ivoire agree.", "Türkiye and Côte d'Ivoire disagree.")).toEqual([
      ['changed', "Türkiye and Côte d'Ivoire [-agree-]{+disagree+}."],
    ]);
  });
});
