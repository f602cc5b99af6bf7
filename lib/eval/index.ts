// Public exports of lib/eval (each file re-exported here).
export {};
