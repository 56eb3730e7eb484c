# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the installed botocore's service model must have for the options a task sets.

botocore validates requests against its own copy of the service model, so an
older botocore refuses a member it does not know ("Unknown parameter") only
when the call is made. Checking the model first fails before any call, in
check mode too, with a message that names the option and the botocore needed.
"""

from __future__ import annotations

from .errors import SmsVoiceError

BOTOCORE_VERSION: str | None
try:
    from botocore import __version__ as BOTOCORE_VERSION
except ImportError:  # the modules report the missing library through missing_required_lib
    BOTOCORE_VERSION = None

# The first botocore with every member the collection sends (requirements.txt).
BOTOCORE_FLOOR = "1.43.90"

# option -> (operation, input member, first botocore whose model has it)
OPTION_MEMBERS = (
    ("number_preference", "RequestPhoneNumber", "NumberPreference", "1.43.90"),
    ("international_sending_enabled", "RequestPhoneNumber", "InternationalSendingEnabled", "1.40.14"),
    ("international_sending_enabled", "UpdatePhoneNumber", "InternationalSendingEnabled", "1.40.14"),
)
# operation -> first botocore whose model has it
OPERATIONS = {"ListAvailablePhoneNumbers": "1.43.90"}


def botocore_version():
    return BOTOCORE_VERSION


def _upgrade(what, first, version):
    return SmsVoiceError(
        "{0} needs botocore >= {1}; found {2}. Upgrade botocore on the host that runs the module "
        "(see the collection's requirements.txt)".format(what, first, version or "none")
    )


def check_options_supported(service_model, params, version=None):
    """Fail, naming the option, if a set option needs a member the model lacks."""
    for option, operation, member, first in OPTION_MEMBERS:
        if params.get(option) is None:
            continue
        if member not in service_model.operation_model(operation).input_shape.members:
            raise _upgrade(option, first, version or botocore_version())


def check_operation_supported(service_model, operation, module_name, version=None):
    """Fail, naming the module, if the model has no such operation."""
    if operation not in service_model.operation_names:
        raise _upgrade(
            "{0} (the {1} operation)".format(module_name, operation),
            OPERATIONS[operation],
            version or botocore_version(),
        )
