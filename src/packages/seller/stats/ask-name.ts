// Asking for a group's name. Only WeChat's showModal takes text (ask-name.weapp.ts); elsewhere
// (the H5 build) there is no modal input, so the page edits the name inline instead.

/** Opens a modal asking for a name; resolves with the text typed, or null when cancelled. */
export type AskName = (current: string) => Promise<string | null>;

export const askNameInModal: AskName | null = null;
