/** The help feature's public entry: the Help menu (keyboard shortcuts sheet included). */
export { HelpMenu } from './HelpMenu.js';
