/** The password of every demo account in tests (SEED_PASSWORD of the test servers). */
export const TEST_PASSWORD = 'correct horse battery';
