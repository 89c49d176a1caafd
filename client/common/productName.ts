/** The product's name as shown in the header, page titles and the sign-in page. */
export const PRODUCT_NAME = 'Drafting Room';

/** One line under the name on the sign-in page: what this is and for whom. */
export const PRODUCT_TAGLINE = 'Joint drafting of the code of conduct, clause by clause, for delegations, reviewers and the secretariat.';
