#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into corpus/<target>/.

The seeds are small, valid (and a few deliberately hostile) examples of what each parser reads: AWS JSON 1.0 error
documents (the smithy awsJson1_0 error vectors kept in tests/ActivityCore.Tests/Data, plus Step Functions codes from
DESIGN.md), AWS query-style XML error documents, the eight operations' responses, and the validated values. The
input framing of each target is documented on its method in FuzzTargets.cs. Run it again after changing the framing;
the files it writes are committed so that a clean clone fuzzes from the same seeds.
"""
import json
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "ActivityCore.Tests", "Data", "smithy-awsjson10-errors.json")
ARN = "arn:aws:states:us-east-1:123456789012:activity:resize-images"
TOKEN = "AAAAKgAAAAIAAAAAAAAAAb2wSTOOVwKPKXRKD4QOxk3sHDoX4l+Vr3kExlMPYkZ8vdXuX1Wq+9u8dXhqi3+8a5X8Q=="

OPERATIONS = ["GetActivityTask", "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat",
              "CreateActivity", "DescribeActivity", "ListActivities", "DeleteActivity"]
STATUSES = [200, 400, 500, 503, 404, 413, 204, 302]


def json_errors():
    seeds = []
    for case in json.load(open(VECTORS, encoding="utf-8"))["cases"]:
        header = case.get("header")
        body = case.get("body", "")
        seeds.append(((header + "\n") if header else "") + body)
    seeds += [
        '{"__type":"com.amazonaws.swf.service.v2.model#ActivityDoesNotExist","message":"Activity does not exist: ' + ARN + '"}',
        '{"__type":"InvalidToken","message":"Invalid Token: \'bad\'"}',
        '{"__type":"KmsInvalidStateException","message":"key","kmsKeyState":"PENDING_DELETION"}',
        '{"code":"ThrottlingException","Message":"Rate exceeded"}',
        'ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/\n{"message":"Rate exceeded"}',
        '{"__type":"Invalid\\u0041rn","message":"\\ud83d\\ude00 \\"quoted\\" \\u00e9","__type":"Second"}',
        '\ufeff{"__type":"TaskTimedOut","message":"late"}',
        '{"message":["not","a","string"],"__type":{"nested":true},"code":12}',
        '{"__type":"RequestTimeTooSkewed","message":"Signature expired: 20261125T000000Z is now earlier than 20261125T000500Z"}',
        '{"__type":"InvalidSignatureException","message":"The Canonical String for this request should have been\\n\'POST\\n/\\n\\nx-amz-security-token:IQoJb3JpZ2luX2Vj==\\n\\ncontent-type;x-amz-security-token\\n\'\\nSignature=4f0e3b1a"}',
        '{}',
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    ]
    return [s.encode("utf-8") for s in seeds]


def json_error_edges():
    """Bodies at the edges of the JSON grammar, where a hand-written scanner and Utf8JsonReader could part ways."""
    seeds = [
        '{"a":-0.0e+0,"b":[true,false,null,{}],"c":{"d":[]},"__type":"T"}',
        '{"a":01,"__type":"T"}',
        '{"__type":"T","a":[1,]}',
        '{"__type":"T",}',
        '{"message":"\\u12G4"}',
        ' \r\n\t{ "__type" : "T" , "message" : "m" } \n',
        '{"__type":"T"} x',
        '{"a":' + '[' * 63 + ']' * 63 + ',"__type":"T"}',
        '{"a":' + '[' * 64 + ']' * 64 + ',"__type":"T"}',
    ]
    return [s.encode("utf-8") for s in seeds] + [b'{"__type":"T","message":"a\xff\xed\xa0\x80b"}', b'{"message":"tab\tand\x01"}']


def xml_errors():
    ns = 'xmlns="http://states.amazonaws.com/doc/2016-11-23/"'
    seeds = [
        f'<ErrorResponse {ns}><Error><Type>Sender</Type><Code>InvalidArn</Code><Message>Invalid Arn: bad</Message></Error><RequestId>a1b2</RequestId></ErrorResponse>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>ThrottlingException</Code><Message><![CDATA[Rate & exceeded]]></Message></Error></Errors><RequestID>r-1</RequestID></Response>',
        '<a:ErrorResponse xmlns:a="urn:x"><!-- comment --><a:Error><a:Code>com.amazon#TaskDoesNotExist:detail</a:Code><a:Message>&lt;gone&gt; &amp; &#65;&#x42; &quot;q&apos;</a:Message></a:Error></a:ErrorResponse>',
        '<Error><Code>ServiceUnavailable</Code><Message>Service Unavailable</Message><KmsKeyState>DISABLED</KmsKeyState></Error>',
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Error><Code>&lol2;</Code></Error>',
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Error><Code>&x;</Code></Error>',
        '<ErrorResponse><Error><Code>  InternalFailure  </Code><Message/></Error></ErrorResponse>',
        '<ErrorResponse><Error><Code>IncompleteSignatureException</Code><Message>Authorization=AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-security-token, Signature=abc&amp;X-Amz-Security-Token= tok</Message></Error></ErrorResponse>',
        '<ErrorResponse><Error><Code>Unterminated',
        '<' * 70 + 'Error>' ,
    ]
    return [s.encode("utf-8") for s in seeds]


def xml_error_edges():
    """Where a fast reader and the byte-by-byte oracle could part: end tags, attributes, markup, prefixes, depth."""
    deep = "".join(f"<d{i % 3}>" for i in range(64)) + "".join(f"</d{i % 3}>" for i in reversed(range(64)))
    seeds = [
        '<Error><Code>C</Code ></Error>',
        '<Error><Code>C</Codex></Error>',
        '<Error><Code>C</Cod></Error>',
        '<Error><e:Code>C</Code></Error>',
        '<Error ><Code a = \'1\' b="2" >C</Code><Message a=\'>\'/></Error>',
        '<Error><Code a=\'1\'b=\'2\'>C</Code></Error>',
        '<Error><Message>a<x>b</x>c<![CDATA[d]]><!--e--><?f?>&amp;\r\n</Message></Error>',
        '<ErrorResponse><Error><Code>A</Code></Error><Error><Code>B</Code></Error><RequestID>r</RequestID></ErrorResponse>',
        '<Response><Errors><Error/></Errors><Errors><Error><Code>B</Code></Error></Errors><RequestId>r</RequestId></Response>',
        '<a:b:Error><x:y:Code>C</x:y:Code><:message>m</:message></a:b:Error>',
        '<Response>' + deep + '<Errors><Error><Code>C</Code></Error></Errors></Response>',
        '\ufeff \r\n<?xml version=\'1.0\'?><!-- c --><Error><Code>C</Code></Error><!-- d --><?e?> ',
    ]
    return [s.encode("utf-8") for s in seeds] + [b'<Error><Code>A</Code><Message>a\xff\xed\xa0\x80b</Message><x\xc3/></Error>']


def response(operation, status, body, xml=False, header=None):
    op = OPERATIONS.index(operation) | (8 if xml else 0)
    st = STATUSES.index(status) | (8 if header is not None else 0)
    prefix = (header + "\n").encode("latin-1") if header is not None else b""
    return bytes([op, st]) + prefix + body.encode("utf-8")


def responses():
    task_input = json.dumps({"image": "s3://bucket/key.png", "sizes": [64, 128], "note": "caf\u00e9 \ud83d\ude00"}, ensure_ascii=False)
    return [
        response("GetActivityTask", 200, json.dumps({"taskToken": TOKEN, "input": task_input})),
        response("GetActivityTask", 200, "{}"),
        response("GetActivityTask", 200, '{"taskToken":null,"input":null}'),
        response("GetActivityTask", 200, '{"taskToken":"","input":"{}"}'),
        response("GetActivityTask", 200, '{"taskToken":"' + TOKEN + '","input":"{\\"a\\":\\"\\\\ud800\\"}"}'),
        response("GetActivityTask", 400, '{"__type":"ActivityWorkerLimitExceeded","message":"too many"}'),
        response("GetActivityTask", 503, '', header="ServiceUnavailable:http://internal.amazon.com/coral/"),
        response("SendTaskSuccess", 200, "{}"),
        response("SendTaskSuccess", 400, '{"__type":"com.amazonaws.swf.service.v2.model#InvalidOutput","message":"bad json"}'),
        response("SendTaskFailure", 400, '{"__type":"TaskTimedOut"}'),
        response("SendTaskHeartbeat", 400, '<ErrorResponse><Error><Code>InvalidToken</Code></Error></ErrorResponse>', xml=True),
        response("CreateActivity", 200, json.dumps({"activityArn": ARN, "creationDate": 1.7644e9})),
        response("CreateActivity", 400, '{"__type":"TooManyTags","message":"tags","resourceName":"x"}'),
        response("DescribeActivity", 200, json.dumps({"activityArn": ARN, "name": "resize-images", "creationDate": 1764000000.123})),
        response("ListActivities", 200, json.dumps({"activities": [{"activityArn": ARN, "name": "resize-images", "creationDate": 1764000000}], "nextToken": "page-2"})),
        response("ListActivities", 200, '{"activities":[]}'),
        response("DeleteActivity", 200, "{}"),
        response("DeleteActivity", 500, '<?xml version="1.0"?><Response><Errors><Error><Code>InternalFailure</Code></Error></Errors></Response>', xml=True),
    ]


def value(text, flags=0, max_results=100):
    return bytes([flags]) + struct.pack("<i", max_results) + text.encode("utf-16-le", "surrogatepass")


def values():
    return [
        value("us-east-1"),
        value("cn-north-1", flags=1),
        value("us-gov-west-1", flags=3),
        value(ARN),
        value("arn:aws-cn:states:cn-north-1:123456789012:activity:a"),
        value("resize-images", max_results=1000),
        value(TOKEN, max_results=0),
        value('{"a":[1,2,{"b":null}],"c":"\\u00e9"}'),
        value("worker-1 \ud800 lone", max_results=-1),
        value("", max_results=1001),
    ]


def sigv4():
    date = "x-amz-date:20261125T120000Z"
    return [s.encode("utf-8") for s in [
        "POST\n/\n\nhost:127.0.0.1:4599\ncontent-type:application/x-amz-json-1.0\n" + date + "\nx-amz-target:AWSStepFunctions.GetActivityTask",
        "GET\n/a%20b/../c/./%7Euser\nb=2&a=1&a=0&empty=&%41=%zz\nHost:  example.com  \nX-Amz-Meta:  a   b  \nx-amz-meta:second",
        "post\n\n\n" + date + "\nx-amz-security-token:FwoGZXIvYXdzEBYaDH",
        "PUT\n/%E2%82%AC/%\n%\nmy-header1:\"a   b   c\"\nMy-Header1:value2",
    ]]


def main():
    root = os.path.join(HERE, "corpus")
    shutil.rmtree(root, ignore_errors=True)
    for target, seeds in [("json-error", json_errors()), ("json-error-diff", json_errors() + json_error_edges()),
                          ("xml-error", xml_errors()), ("xml-error-diff", xml_errors() + xml_error_edges()),
                          ("response", responses()), ("values", values()), ("sigv4", sigv4())]:
        os.makedirs(os.path.join(root, target))
        for i, seed in enumerate(seeds):
            with open(os.path.join(root, target, f"seed-{i:02d}"), "wb") as f:
                f.write(seed)
        print(f"{target}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()
