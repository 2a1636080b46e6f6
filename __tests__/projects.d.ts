/** Types of projects.js (plain JavaScript so jest.config.js and the sequencer can load it). */
export type ProjectName = "unit" | "offline" | "publishing";
export function projectOf(file: string): ProjectName;
export function projectFiles(): Record<ProjectName, string[]>;
export function readsOfflinePlans(file: string): boolean;
