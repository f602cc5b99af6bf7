// Public exports of lib/streams (each file re-exported here).
export {};
