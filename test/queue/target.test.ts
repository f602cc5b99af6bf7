import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskUrl, parseQueueTarget, resolveQueueOption } from '../../lib/queue/target';

test('parseQueueTarget(url) reads host, port, db, user and password; defaults prefix and attempts', () => {
  assert.deepEqual(parseQueueTarget('redis://alice:s%40cret@10.0.0.5:6380/2'), {
    display: 'redis://alice:***@10.0.0.5:6380/2',
    host: '10.0.0.5',
    port: 6380,
    db: 2,
    username: 'alice',
    password: 's@cret',
    tls: false,
    prefix: 'workbench',
    attempts: 2,
  });
  const t = parseQueueTarget({ url: 'rediss://:pw@example.org', prefix: 'nightly', attempts: 3 });
  assert.deepEqual([t.host, t.port, t.db, t.username, t.password, t.tls, t.prefix, t.attempts], ['example.org', 6379, 0, undefined, 'pw', true, 'nightly', 3]);
});

test('parseQueueTarget(bad) is an E902 error that never shows the password', () => {
  for (const [option, re] of [
    ['http://:hunter2@host:1', /not a redis:\/\/ or rediss:\/\/ URL/],
    ['redis://:hunter2@host:1/x', /database must be a number/],
    ['not a url :hunter2@', /not a URL/],
    [{ url: 'redis://h:1', prefix: 'a b' }, /prefix must be/],
    [{ url: 'redis://h:1', attempts: 0 }, /attempts must be a whole number/],
  ] as const) {
    assert.throws(
      () => parseQueueTarget(option),
      (err: Error) => re.test(err.message) && err.message.startsWith('[E902]') && !err.message.includes('hunter2'),
    );
  }
});

test('maskUrl(url) replaces only the password', () => {
  assert.equal(maskUrl('redis://:pw@h:1'), 'redis://:***@h:1');
  assert.equal(maskUrl('redis://user:pw@h:1/3'), 'redis://user:***@h:1/3');
  assert.equal(maskUrl('redis://h:1'), 'redis://h:1');
  assert.equal(maskUrl('redis://user@h:1'), 'redis://user@h:1');
});

test('resolveQueueOption(option, env): the option, else WORKBENCH_QUEUE; null forces in-process', () => {
  assert.equal(resolveQueueOption(undefined, {}), undefined);
  assert.equal(resolveQueueOption(undefined, { WORKBENCH_QUEUE: 'redis://q:7000' })?.port, 7000);
  assert.equal(resolveQueueOption('redis://a:7001', { WORKBENCH_QUEUE: 'redis://q:7000' })?.port, 7001);
  assert.equal(resolveQueueOption(null, { WORKBENCH_QUEUE: 'redis://q:7000' }), undefined);
});

test('maskUrl(url) hides a password holding an unencoded @ entirely', () => {
  assert.equal(maskUrl('redis://:p@ss@h:1'), 'redis://:***@h:1');
  assert.equal(maskUrl('not a url :hunter2@'), '***@');
});
