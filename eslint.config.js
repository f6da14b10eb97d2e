// Lint: determinism rules for src/ (DESIGN.md "Time and order") plus typescript-eslint basics.
import tseslint from 'typescript-eslint';

const wallClockBan = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'src/ runs on virtual time: use the scheduler clock (only src/scheduler/realtime-pacing.ts may read wall-clock time).' },
    { object: 'performance', property: 'now', message: 'src/ runs on virtual time: use the scheduler clock (only src/scheduler/realtime-pacing.ts may read wall-clock time).' },
    { object: 'Math', property: 'random', message: 'Use a named stream of the seeded generator (src/random).' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'src/ runs on virtual time: schedule on the SlotScheduler (only src/scheduler/realtime-pacing.ts may wait on wall-clock time).' },
    { name: 'setInterval', message: 'src/ runs on virtual time: schedule on the SlotScheduler.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'runs/**', 'dist/**', 'coverage/**', 'bin/**', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['src/**/*.ts'], rules: wallClockBan },
  // The one module that reads wall-clock time: run pacing (and the clock readings progress bars display).
  {
    files: ['src/scheduler/realtime-pacing.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-globals': 'off' },
  },
);
