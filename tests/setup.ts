import { afterAll } from 'vitest';
import { removeWorkspaces } from './helpers.js';

// Every test file removes the temporary folders it made.
afterAll(removeWorkspaces);
