# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The common AWS options, with the names, aliases and environment variables of amazon.aws.
    DOCUMENTATION = r"""
options:
  access_key:
    description:
      - AWS access key ID.
      - If none of O(access_key), O(secret_key), O(session_token) and O(profile) is set, the environment variables
        E(AWS_ACCESS_KEY_ID) or E(AWS_ACCESS_KEY) are used. Keys set in the task (or in C(module_defaults)) are
        never mixed with keys from the environment.
      - Cannot be used together with O(profile).
      - A value with white space, a line break or a character outside printable ASCII fails before any call.
    type: str
    aliases: [aws_access_key_id, aws_access_key]
  secret_key:
    description:
      - AWS secret access key.
      - If no key, token or profile is set in the task, the environment variables E(AWS_SECRET_ACCESS_KEY)
        or E(AWS_SECRET_KEY) are used.
      - A value with white space, a line break or a character outside printable ASCII fails before any call.
    type: str
    aliases: [aws_secret_access_key, aws_secret_key]
  session_token:
    description:
      - AWS session token, for temporary credentials.
      - If no key, token or profile is set in the task, the environment variable E(AWS_SESSION_TOKEN) is used.
        A task that sets O(session_token) must set O(access_key) and O(secret_key) too.
      - A value with white space, a line break or a character outside printable ASCII fails before any call.
    type: str
    aliases: [aws_session_token]
  profile:
    description:
      - A named profile from the AWS shared configuration and credentials files.
      - Set in the task, it wins over keys in the environment (as in boto3), and its region is used when
        neither O(region) nor its environment variables are set.
      - If not set, the environment variable E(AWS_PROFILE) is used, unless keys are set in the task or in the
        environment.
      - Cannot be used together with O(access_key) and O(secret_key).
    type: str
    aliases: [aws_profile]
  region:
    description:
      - The AWS region, for example V(us-east-1).
      - If not set, the environment variables E(AWS_REGION) or E(AWS_DEFAULT_REGION) are used, then the profile's region.
    type: str
    aliases: [aws_region]
  endpoint_url:
    description:
      - URL of the service endpoint, to reach a VPC endpoint or a local emulator.
      - If not set, the environment variable E(AWS_URL) is used; botocore also honours
        E(AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2) and E(AWS_ENDPOINT_URL).
    type: str
    aliases: [aws_endpoint_url]
  validate_certs:
    description:
      - Whether to verify the endpoint's TLS certificate.
    type: bool
    default: true
  aws_ca_bundle:
    description:
      - Path to a CA bundle used to verify the endpoint's TLS certificate.
      - If not set, the environment variable E(AWS_CA_BUNDLE) is used.
    type: path
  aws_config:
    description:
      - "Settings merged into botocore's C(Config), for example C({retries: {mode: adaptive, max_attempts: 10}})."
      - Keys are checked before any call against the settings of the installed botocore's C(Config).
        C(region_name) is refused (use O(region)), and so is anything that looks like a credential.
        C(retries) is a dict of C(max_attempts), C(total_max_attempts) and C(mode).
      - The proxy URLs of C(proxies) (which can hold a password) are never logged.
      - Retries default to botocore's V(standard) mode with C(max_attempts=5). In C(Config), botocore counts
        C(max_attempts) as retries after the first attempt, so a call is tried up to 6 times in all
        (C(total_max_attempts) counts the first attempt too). Throttling, server errors and dropped connections
        are retried, and each retry resends the same idempotency token.
    type: dict
  quota_scale:
    description:
      - Multiplies every published default request quota of the service (1 request per second for most
        operations), for an account whose quotas were raised. Calls are spaced to these rates, per operation,
        so that a task does not throttle itself.
      - If not set, the environment variable E(SMS_VOICE_QUOTA_SCALE) is used.
      - Must be a positive number.
    type: float
    default: 1.0
  request_quotas:
    description:
      - "Requests per second the account may make, by API operation name, for example
        C({DescribePhoneNumbers: 5, ListTagsForResource: 10}). Overrides the published quota (and O(quota_scale))
        for the operations it names."
      - Operations are the ones the modules call (C(DescribePhoneNumbers), C(ListTagsForResource), C(DescribePools),
        C(DescribeKeywords), C(DescribeOptOutLists), C(ListPoolOriginationIdentities), C(ListAvailablePhoneNumbers),
        C(DescribeAccountLimits), C(DescribeRegistrations), C(RequestPhoneNumber), C(UpdatePhoneNumber), C(ReleasePhoneNumber), C(AssociateOriginationIdentity),
        C(DisassociateOriginationIdentity), C(TagResource), C(UntagResource), C(PutKeyword), C(DeleteKeyword),
        C(CreatePool), C(UpdatePool), C(DeletePool), C(CreateOptOutList), C(DeleteOptOutList),
        C(DescribeSenderIds), C(RequestSenderId), C(UpdateSenderId), C(ReleaseSenderId),
        C(GetResourcePolicy), C(PutResourcePolicy), C(DeleteResourcePolicy), C(DescribeOptedOutNumbers),
        C(PutOptedOutNumber), C(DeleteOptedOutNumber),
        and the Resource Groups Tagging API's C(GetResources)); values must be positive numbers.
      - The registration modules call C(CreateRegistration), C(DeleteRegistration), C(CreateRegistrationVersion),
        C(DescribeRegistrationVersions), C(SubmitRegistrationVersion), C(DiscardRegistrationVersion),
        C(DescribeRegistrationTypeDefinitions), C(DescribeRegistrationFieldDefinitions),
        C(DescribeRegistrationFieldValues), C(PutRegistrationFieldValue), C(DeleteRegistrationFieldValue),
        C(CreateRegistrationAttachment), C(CreateRegistrationAssociation) and C(ListRegistrationAssociations).
    type: dict
  throttle_timeout:
    description:
      - How long, in seconds, one API call may keep being throttled before the task fails. Other runs and tools
        may share the account's request quotas; a throttled call is retried (by botocore, then by the module with a
        growing, jittered pause, resending the same idempotency token) until it is answered or has been throttled
        for this long since it began. The task then fails with a message naming the operation and the seconds.
      - A throttled answer also slows every later call of that operation in the task (its pace halves, and is won
        back with answered calls and with time), and the calls of a slowed operation are spaced with a random extra,
        so that overlapping runs share the quota instead of retrying in step.
      - The time is checked between botocore's own retries of a call, so a call may run somewhat past it.
        V(0) retries only as botocore does.
      - If not set, the environment variable E(SMS_VOICE_THROTTLE_TIMEOUT) is used.
    type: float
    default: 900
notes:
  - Requires C(boto3) and C(botocore) on the host that runs the module.
  - Throttling (other runs sharing the account's quota) is retried for up to O(throttle_timeout) per call
    (15 minutes by default).
  - These common AWS options can be set once per play with
    C(module_defaults) for C(group/pinpoint.sms_voice.aws) (which extends C(group/amazon.aws.aws)).
requirements:
  - boto3 >= 1.43.90
  - botocore >= 1.43.90
"""

    ATTRIBUTES = r"""
attributes:
  check_mode:
    description: Can run in check mode and return the changed status prediction without modifying the target.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
    support: full
  action_group:
    description: Use C(group/pinpoint.sms_voice.aws) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - pinpoint.sms_voice.aws
"""

    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    description: Can run in check mode and return the changed status prediction without modifying the target.
    support: full
    details: The module only reads, so it behaves the same in check mode.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: N/A
    details: The module changes nothing.
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
    support: full
  action_group:
    description: Use C(group/pinpoint.sms_voice.aws) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - pinpoint.sms_voice.aws
"""
