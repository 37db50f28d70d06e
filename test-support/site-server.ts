import type { TestProject } from 'vitest/node';
import { startPreview } from './preview-server';

/** vitest globalSetup for the e2e project: serves the built site and tells the tests its URL. */

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPreview();
  project.provide('siteUrl', server.url);
  return () => server.stop();
}
