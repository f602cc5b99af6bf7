// Public exports of lib/plots (each file re-exported here).
export {};
