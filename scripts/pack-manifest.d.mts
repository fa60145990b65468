/** package.json's text without `scripts.prepare`, formatted as npm and prettier write it. */
export function withoutPrepare(text: string): string;
