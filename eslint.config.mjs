import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const platformGlobals = {
  wx: 'readonly',
  App: 'readonly',
  Page: 'readonly',
  Component: 'readonly',
  Behavior: 'readonly',
  getApp: 'readonly',
  getCurrentPages: 'readonly',
  requirePlugin: 'readonly',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'miniprogram/miniprogram_npm/**',
      'cloudfunctions/*/index.js',
      '.cloudbase/**',
      '**/.sim-build/**',
      'coverage/**',
      'screenshots/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  {
    files: ['miniprogram/**/*.ts'],
    languageOptions: { globals: platformGlobals },
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Pages and components reach the back end through services only.
    files: ['miniprogram/**/*.ts'],
    ignores: ['miniprogram/services/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'wx',
          property: 'cloud',
          message: '页面只能通过 miniprogram/services 调用云能力',
        },
      ],
    },
  },
  {
    // The domain core is pure: no platform, no clock of its own, no imports from outside core/.
    files: ['miniprogram/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'wx',
        'getApp',
        'getCurrentPages',
        'Page',
        'Component',
        'App',
        'process',
        'Buffer',
        'require',
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wx-server-sdk', 'node:*', 'tdesign-miniprogram'],
              message: 'core 只能是纯 TypeScript',
            },
          ],
        },
      ],
    },
  },
)
