// Public exports of lib/models, one folder per role (each folder's index.ts says what it holds).
export * from './config';
export * from './encoder';
export * from './heads';
export * from './crf';
export * from './inputs';
export * from './schemes';
export * from './pipeline';
export * from './training';
