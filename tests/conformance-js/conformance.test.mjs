// Conformance of ActivityCore.Local with a client nobody here wrote: the official AWS SDK for
// JavaScript v3 Step Functions client (@aws-sdk/client-sfn, pinned in package-lock.json), with
// SigV4 signing on. Run by run.sh, which starts the standalone server and sets:
//   SFN_ENDPOINT (e.g. http://127.0.0.1:41234), SFN_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
// Tasks are enqueued and their outcomes read through the server's non-AWS admin routes (/_local/...), signed too.
import { test } from 'node:test';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import {
  SFNClient,
  SFNServiceException,
  CreateActivityCommand,
  DescribeActivityCommand,
  DeleteActivityCommand,
  ListActivitiesCommand,
  GetActivityTaskCommand,
  SendTaskSuccessCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ListTagsForResourceCommand,
  ActivityAlreadyExists,
  ActivityDoesNotExist,
  ActivityWorkerLimitExceeded,
  InvalidArn,
  InvalidName,
  InvalidOutput,
  InvalidToken,
  KmsAccessDeniedException,
  ResourceNotFound,
  TaskDoesNotExist,
  TaskTimedOut,
  TooManyTags,
  ValidationException,
} from '@aws-sdk/client-sfn';

const endpoint = process.env.SFN_ENDPOINT;
const region = process.env.SFN_REGION ?? 'us-east-1';
const credentials = {
  accessKeyId: process.env.AWS_ACCESS_KEY_ID,
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
};
assert.ok(endpoint, 'SFN_ENDPOINT must be set');
assert.ok(credentials.accessKeyId && credentials.secretAccessKey, 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set');

// maxAttempts 1: every error surfaces as the server sent it, no retry hides it.
const client = (overrides = {}) => new SFNClient({ endpoint, region, credentials, maxAttempts: 1, ...overrides });
const sfn = client();
const run = `${process.pid}-${Date.now()}`;
const uniqueName = (base) => `${base}-${run}`;

// The admin routes take the same SigV4 signature as the AWS route when the server verifies signatures; they are signed
// here with the SDK's own signer (@smithy/signature-v4, the one @aws-sdk/client-sfn signs with).
class Sha256 {
  constructor(secret) { this.hash = secret ? createHmac('sha256', secret) : createHash('sha256'); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}
const adminSigner = new SignatureV4({ service: 'states', region, credentials, sha256: Sha256 });

async function admin(method, path, body) {
  const url = new URL(path, endpoint);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const signed = await adminSigner.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, ...(text === undefined ? {} : { 'content-type': 'application/json' }) },
    body: text,
  });
  const { host, ...headers } = signed.headers; // fetch writes the same Host itself
  const response = await fetch(url, { method, headers, body: text });
  const json = await response.json();
  assert.equal(response.status, 200, `${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

const enqueue = (activityArn, input, extra = {}) => admin('POST', '/_local/tasks', { activityArn, input: JSON.stringify(input), ...extra });
const outcome = (taskId) => admin('GET', `/_local/tasks/${taskId}`);
const fault = (spec) => admin('POST', '/_local/faults', spec);

async function rejects(promise, errorClass, name, status) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
    if (errorClass) {
      assert.ok(error instanceof errorClass, `${name} should be an instance of the client's ${errorClass.name} class`);
    }
    assert.ok(error instanceof SFNServiceException, 'a service error, not a client-side failure');
    assert.equal(error.$fault, status >= 500 ? 'server' : 'client');
    assert.equal(error.$metadata.httpStatusCode, status);
    assert.match(error.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/, 'x-amzn-RequestId surfaces as $metadata.requestId');
    return error;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

test('CreateActivity, DescribeActivity, ListActivities, DeleteActivity', async () => {
  const name = uniqueName('lifecycle');
  const created = await sfn.send(new CreateActivityCommand({ name }));
  assert.match(created.activityArn, new RegExp(`^arn:aws:states:${region}:\\d{12}:activity:${name}$`));
  assert.ok(created.creationDate instanceof Date && !Number.isNaN(created.creationDate.getTime()));
  assert.match(created.$metadata.requestId, /^[0-9a-f-]{36}$/);

  const again = await sfn.send(new CreateActivityCommand({ name }));
  assert.equal(again.activityArn, created.activityArn, 'CreateActivity is idempotent by name');

  const described = await sfn.send(new DescribeActivityCommand({ activityArn: created.activityArn }));
  assert.equal(described.name, name);
  assert.equal(described.activityArn, created.activityArn);
  assert.equal(described.creationDate.getTime(), created.creationDate.getTime());

  const second = await sfn.send(new CreateActivityCommand({ name: uniqueName('lifecycle-2') }));
  const arns = [];
  let nextToken;
  do {
    const page = await sfn.send(new ListActivitiesCommand({ maxResults: 1, nextToken }));
    assert.ok(page.activities.length <= 1);
    for (const activity of page.activities) {
      assert.ok(activity.creationDate instanceof Date);
      arns.push(activity.activityArn);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  assert.ok(arns.includes(created.activityArn) && arns.includes(second.activityArn), 'pagination reaches every activity');

  await sfn.send(new DeleteActivityCommand({ activityArn: created.activityArn }));
  await sfn.send(new DeleteActivityCommand({ activityArn: second.activityArn }));
  await rejects(sfn.send(new DescribeActivityCommand({ activityArn: created.activityArn })), ActivityDoesNotExist, 'ActivityDoesNotExist', 400);
});

test('CreateActivity with tags and a customer-managed key; DescribeActivity returns encryptionConfiguration', async () => {
  const encryptionConfiguration = { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: 'alias/conformance', kmsDataKeyReusePeriodSeconds: 120 };
  const tags = [{ key: 'team', value: 'a' }, { key: 'cost-center', value: '' }];
  const name = uniqueName('keyed');
  const created = await sfn.send(new CreateActivityCommand({ name, tags, encryptionConfiguration }));
  const described = await sfn.send(new DescribeActivityCommand({ activityArn: created.activityArn }));
  assert.deepEqual(described.encryptionConfiguration, encryptionConfiguration);
  assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: created.activityArn }))).tags, tags);

  // The same name with other tags: the same ARN, the tags not updated.
  const again = await sfn.send(new CreateActivityCommand({ name, tags: [{ key: 'team', value: 'b' }], encryptionConfiguration }));
  assert.equal(again.activityArn, created.activityArn);
  assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: created.activityArn }))).tags, tags);
  await rejects(sfn.send(new CreateActivityCommand({ name })), ActivityAlreadyExists, 'ActivityAlreadyExists', 400);

  const plain = await sfn.send(new CreateActivityCommand({ name: uniqueName('plain') }));
  assert.deepEqual((await sfn.send(new DescribeActivityCommand({ activityArn: plain.activityArn }))).encryptionConfiguration, { type: 'AWS_OWNED_KEY' });
});

test('TagResource, UntagResource, ListTagsForResource on an activity', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('tag-ops'), tags: [{ key: 'team', value: 'a' }] }));
  const tagged = await sfn.send(new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: 'team', value: 'b' }, { key: 'env', value: 'dev' }] }));
  assert.equal(tagged.$metadata.httpStatusCode, 200);
  assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: activityArn }))).tags, [{ key: 'team', value: 'b' }, { key: 'env', value: 'dev' }]);
  await sfn.send(new UntagResourceCommand({ resourceArn: activityArn, tagKeys: ['team', 'absent'] }));
  assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: activityArn }))).tags, [{ key: 'env', value: 'dev' }]);

  const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  const tooMany = await rejects(sfn.send(new TagResourceCommand({ resourceArn: activityArn, tags: fifty })), TooManyTags, 'TooManyTags', 400);
  assert.equal(tooMany.resourceName, activityArn);
  const missing = await rejects(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${activityArn}-missing` })), ResourceNotFound, 'ResourceNotFound', 400);
  assert.equal(missing.resourceName, `${activityArn}-missing`);
  await rejects(sfn.send(new UntagResourceCommand({ resourceArn: `${activityArn}-missing`, tagKeys: ['env'] })), ResourceNotFound, 'ResourceNotFound', 400);
  await rejects(sfn.send(new TagResourceCommand({ resourceArn: 'not-an-arn', tags: [] })), InvalidArn, 'InvalidArn', 400);
  await rejects(sfn.send(new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: 'aws:reserved', value: 'v' }] })), ValidationException, 'ValidationException', 400);
});

test('an empty poll is held, then answered with no token (taskToken undefined)', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('empty') }));
  const started = Date.now();
  const answer = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'js-worker' }));
  assert.equal(answer.taskToken, undefined);
  assert.equal(answer.input, undefined);
  assert.ok(Date.now() - started >= 900, 'held for the hold time (1 s in run.sh)');
});

test('enqueue + poll + SendTaskSuccess', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('success') }));
  const { taskId } = await enqueue(activityArn, { width: 64, note: 'a "quoted" value\n' });
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'js-worker' }));
  assert.ok(task.taskToken.length >= 600 && task.taskToken.length <= 2048);
  assert.deepEqual(JSON.parse(task.input), { width: 64, note: 'a "quoted" value\n' });
  const sent = await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ resized: true }) }));
  assert.equal(sent.$metadata.httpStatusCode, 200);
  const result = await outcome(taskId);
  assert.equal(result.status, 'succeeded');
  assert.deepEqual(JSON.parse(result.output), { resized: true });
});

test('a poll held when the task arrives is answered at once', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('prompt') }));
  const poll = sfn.send(new GetActivityTaskCommand({ activityArn }));
  await new Promise((resolve) => setTimeout(resolve, 200));
  await enqueue(activityArn, { n: 1 });
  const task = await poll;
  assert.ok(task.taskToken);
  await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));
});

test('SendTaskFailure', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('failure') }));
  const { taskId } = await enqueue(activityArn, {});
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  await sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: 'Resize.Failed', cause: 'image too small' }));
  const result = await outcome(taskId);
  assert.deepEqual([result.status, result.error, result.cause], ['failed', 'Resize.Failed', 'image too small']);
});

test('SendTaskHeartbeat keeps a task alive past its heartbeat timeout', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('heartbeat') }));
  const { taskId } = await enqueue(activityArn, {}, { heartbeatTimeoutSeconds: 1 });
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const beat = await sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
    assert.equal(beat.$metadata.httpStatusCode, 200);
  }
  await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '"done"' }));
  assert.equal((await outcome(taskId)).status, 'succeeded');
});

test('activity errors surface under their names', async () => {
  const name = uniqueName('errors');
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name, tags: [{ key: 'team', value: 'a' }] }));
  await rejects(sfn.send(new DescribeActivityCommand({ activityArn: 'not-an-arn' })), InvalidArn, 'InvalidArn', 400);
  await rejects(sfn.send(new DeleteActivityCommand({ activityArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' })), InvalidArn, 'InvalidArn', 400);
  await rejects(sfn.send(new GetActivityTaskCommand({ activityArn: 'arn:aws:states:nowhere' })), InvalidArn, 'InvalidArn', 400);
  await rejects(sfn.send(new GetActivityTaskCommand({ activityArn: `${activityArn}-missing` })), ActivityDoesNotExist, 'ActivityDoesNotExist', 400);
  await rejects(sfn.send(new CreateActivityCommand({ name: 'has space' })), InvalidName, 'InvalidName', 400);
  await rejects(sfn.send(new CreateActivityCommand({ name: 'x'.repeat(81) })), InvalidName, 'InvalidName', 400);
  // The service ignores other tags (it does not update them) and refuses only another encryption configuration.
  assert.equal((await sfn.send(new CreateActivityCommand({ name, tags: [{ key: 'team', value: 'b' }] }))).activityArn, activityArn);
  const customerKey = { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: 'alias/local', kmsDataKeyReusePeriodSeconds: 300 };
  await rejects(sfn.send(new CreateActivityCommand({ name, encryptionConfiguration: customerKey })), ActivityAlreadyExists, 'ActivityAlreadyExists', 400);
  const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  const crowded = uniqueName('tags');
  const tooMany = await rejects(sfn.send(new CreateActivityCommand({ name: crowded, tags })), TooManyTags, 'TooManyTags', 400);
  assert.equal(tooMany.resourceName, activityArn.replace(name, crowded), 'TooManyTags carries resourceName');
  await rejects(sfn.send(new ListActivitiesCommand({ nextToken: 'not a token' })), InvalidToken, 'InvalidToken', 400);
  await rejects(sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w'.repeat(81) })), ValidationException, 'ValidationException', 400);
});

test('task errors surface under their names', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('task-errors') }));
  await rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: 'malformed', output: '{}' })), InvalidToken, 'InvalidToken', 400);
  await rejects(sfn.send(new SendTaskFailureCommand({ taskToken: 'malformed' })), InvalidToken, 'InvalidToken', 400);
  await rejects(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'malformed' })), InvalidToken, 'InvalidToken', 400);

  await enqueue(activityArn, {});
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  await rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{not json' })), InvalidOutput, 'InvalidOutput', 400);
  await rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify('x'.repeat(262_144)) })), InvalidOutput, 'InvalidOutput', 400);
  await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));
  await rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' })), TaskDoesNotExist, 'TaskDoesNotExist', 400);
  await rejects(sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })), TaskDoesNotExist, 'TaskDoesNotExist', 400);

  const { taskId } = await enqueue(activityArn, {}, { taskTimeoutSeconds: 0.5 });
  const late = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  await new Promise((resolve) => setTimeout(resolve, 800));
  assert.equal((await outcome(taskId)).status, 'timedOut');
  await rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: late.taskToken, output: '{}' })), TaskTimedOut, 'TaskTimedOut', 400);
  await rejects(sfn.send(new SendTaskFailureCommand({ taskToken: late.taskToken, error: 'E' })), TaskTimedOut, 'TaskTimedOut', 400);
  await rejects(sfn.send(new SendTaskHeartbeatCommand({ taskToken: late.taskToken })), TaskTimedOut, 'TaskTimedOut', 400);
});

test('the KMS fault of a task: reports with data answer KmsAccessDeniedException, an empty SendTaskFailure fails the task', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('kms') }));
  const { taskId } = await enqueue(activityArn, {}, { kmsAccessDenied: true });
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  await rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' })), KmsAccessDeniedException, 'KmsAccessDeniedException', 400);
  await rejects(sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: 'E', cause: 'c' })), KmsAccessDeniedException, 'KmsAccessDeniedException', 400);
  await sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
  const sent = await sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken }));
  assert.equal(sent.$metadata.httpStatusCode, 200);
  assert.equal((await outcome(taskId)).status, 'failed');
});

test('ActivityWorkerLimitExceeded is not reachable with defaults, so check the injected form', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('limit') }));
  await fault({ operation: 'GetActivityTask', kind: 'error', status: 400, code: 'ActivityWorkerLimitExceeded', message: 'too many' });
  const error = await rejects(sfn.send(new GetActivityTaskCommand({ activityArn })), ActivityWorkerLimitExceeded, 'ActivityWorkerLimitExceeded', 400);
  assert.equal(error.message, 'too many');
});

test('injected throttling, 500 and 503 surface under their names, and the SDK retries them', async () => {
  await fault({ operation: 'ListActivities', kind: 'error', status: 400, code: 'ThrottlingException', message: 'Rate exceeded' });
  const throttled = await rejects(sfn.send(new ListActivitiesCommand({})), null, 'ThrottlingException', 400);
  assert.equal(throttled.message, 'Rate exceeded');
  await fault({ operation: 'ListActivities', kind: 'error', status: 500, code: 'InternalFailure' });
  await rejects(sfn.send(new ListActivitiesCommand({})), null, 'InternalFailure', 500);
  await fault({ operation: 'ListActivities', kind: 'error', status: 503, code: 'ServiceUnavailable' });
  await rejects(sfn.send(new ListActivitiesCommand({})), null, 'ServiceUnavailable', 503);

  // The SDK's own standard retry mode treats all three as retryable: two faults, third attempt succeeds.
  await fault({ operation: 'ListActivities', kind: 'error', status: 400, code: 'ThrottlingException', times: 1 });
  await fault({ operation: 'ListActivities', kind: 'error', status: 503, code: 'ServiceUnavailable', times: 1 });
  const retrying = client({ maxAttempts: 3 });
  const listed = await retrying.send(new ListActivitiesCommand({}));
  assert.equal(listed.$metadata.attempts, 3);
});

test('a dropped connection after dispatch loses the task, which then times out', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: uniqueName('dropped') }));
  const { taskId } = await enqueue(activityArn, {}, { taskTimeoutSeconds: 1 });
  await fault({ operation: 'GetActivityTask', kind: 'dropAfterDispatch' });
  await assert.rejects(sfn.send(new GetActivityTaskCommand({ activityArn })), (error) => !(error instanceof SFNServiceException));
  const counters = await admin('GET', '/_local/counters');
  assert.ok(counters.deliveriesLost >= 1);
  await new Promise((resolve) => setTimeout(resolve, 1200));
  assert.equal((await outcome(taskId)).status, 'timedOut');
});

test('SigV4: missing, unknown key, wrong secret, wrong region, wrong service, skewed clock', async () => {
  const unsigned = client({ signer: { sign: async (request) => request } });
  await rejects(unsigned.send(new ListActivitiesCommand({})), null, 'MissingAuthenticationTokenException', 403);

  const unknownKey = client({ credentials: { ...credentials, accessKeyId: 'AKIDUNKNOWN' } });
  await rejects(unknownKey.send(new ListActivitiesCommand({})), null, 'UnrecognizedClientException', 403);

  const wrongSecret = client({ credentials: { ...credentials, secretAccessKey: 'not-the-secret' } });
  const bad = await rejects(wrongSecret.send(new ListActivitiesCommand({})), null, 'InvalidSignatureException', 403);
  assert.match(bad.message, /signature we calculated does not match/);

  const otherRegion = region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1';
  const wrongRegion = client({ region: otherRegion });
  await rejects(wrongRegion.send(new ListActivitiesCommand({})), null, 'InvalidSignatureException', 403);

  const wrongService = client({ signingName: 'swf' });
  const service = await rejects(wrongService.send(new ListActivitiesCommand({})), null, 'InvalidSignatureException', 403);
  assert.match(service.message, /correct service/);

  const skewed = client({ systemClockOffset: -10 * 60 * 1000 });
  const expired = await rejects(skewed.send(new ListActivitiesCommand({})), null, 'InvalidSignatureException', 403);
  assert.match(expired.message, /^Signature expired: /);

  const session = client({ credentials: { ...credentials, sessionToken: 'unexpected-session-token' } });
  await rejects(session.send(new ListActivitiesCommand({})), null, 'UnrecognizedClientException', 403);
});
