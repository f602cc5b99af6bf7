// Public exports of lib/engine (each file re-exported here).
export {};
