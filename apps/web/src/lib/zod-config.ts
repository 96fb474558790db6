import { z } from 'zod';

// No code generation: the app runs under a CSP without 'unsafe-eval', and zod's probe for
// `new Function` would otherwise be reported as a violation (it falls back either way).
z.config({ jitless: true });
