import { defineConfig } from 'vitest/config';

// Two projects: `unit` (in-process: the domain, each command through the CLI, prompts) runs files
// in parallel; `process` (spawned eventctl processes, concurrency and signals, tmux, Chromium)
// runs one file at a time, so nothing in it competes with itself for the machine.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/{domain,store,pipeline,cli}/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'process',
          include: ['tests/process/*.test.ts'],
          // Only this project runs the built program: it builds dist/ once, before its files.
          globalSetup: ['tests/global-setup.ts'],
          environment: 'node',
          setupFiles: ['tests/setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
