import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { AppError } from './AppError.js';

/**
 * The least zxcvbn score a new password needs (0-4; 3: "safely unguessable", good protection even if
 * the stored hashes were stolen). Sequences ("1234567890", "qwertyuiop"), repeats ("aaaaaaaaaa",
 * "abcabcabc"), common passwords and dictionary words with obvious substitutions score lower.
 */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

/** zxcvbn-ts with its common-password and English dictionaries, built once (about 0.1 s). */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Letters and digits only, lower case: "James.Carter" and "james carter" read alike. */
function squash(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Refuses a new password that is easy to guess, with WEAK_PASSWORD and a message that says why and what
 * helps. Besides zxcvbn's estimate (which also weighs the member's email and each part of their name), a
 * password that contains the member's full name or the part of their email before the @ (4 characters
 * or more) is refused outright.
 */
export function checkPasswordStrength(password: string, member: { email: string; name: string }): void {
  const local = member.email.split('@')[0] ?? '';
  const squashed = squash(password);
  if ([member.name, local].some((own) => squash(own).length >= 4 && squashed.includes(squash(own)))) {
    throw new AppError('WEAK_PASSWORD', 'Choose a password that does not contain your name or email address.');
  }
  const personal = [member.email, local, member.name, ...member.name.split(/\s+/)].filter((word) => squash(word).length >= 3);
  const result = strengthEstimator().check(password, personal);
  if (result.score >= MIN_PASSWORD_SCORE) return;
  const why = result.feedback.warning ? `${result.feedback.warning} ` : '';
  const help = result.feedback.suggestions.length > 0 ? result.feedback.suggestions.join(' ') : 'Add another word or two.';
  throw new AppError('WEAK_PASSWORD', `This password is too easy to guess. ${why}${help}`.trim());
}
