# Generated from https://pmlint.dev/schemas/postmortem.schema.json by `python -m pmlint._compiled`: do not edit.
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^(https?://\\S+|[A-Z][A-Z0-9]*-\\d+|#\\d+|[\\w.-]+/[\\w.-]+#\\d+)$': re.compile('^(https?://\\S+|[A-Z][A-Z0-9]*-\\d+|#\\d+|[\\w.-]+/[\\w.-]+#\\d+)\\Z'),
    '^\\d{4}-\\d{2}-\\d{2}$': re.compile('^\\d{4}-\\d{2}-\\d{2}\\Z'),
    '^(\\d+d)?(\\d+h)?(\\d+m)?$': re.compile('^(\\d+d)?(\\d+h)?(\\d+m)?\\Z'),
    '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2})?$': re.compile('^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2})?\\Z'),
    '\\S': re.compile('\\S'),
    '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$': re.compile('^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+\\Z')
}

NoneType = type(None)

def validate_https___pmlint_dev_schemas_postmortem_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "front_matter" in data_keys:
            data_keys.remove("front_matter")
            data__frontmatter = data["front_matter"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_6(data__frontmatter, custom_formats, (name_prefix or "data") + ".front_matter")
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string")
        if "sections" in data_keys:
            data_keys.remove("sections")
            data__sections = data["sections"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_7(data__sections, custom_formats, (name_prefix or "data") + ".sections")
        if "follow_ups" in data_keys:
            data_keys.remove("follow_ups")
            data__followups = data["follow_ups"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_8(data__followups, custom_formats, (name_prefix or "data") + ".follow_ups")
        if "apparatus_updates" in data_keys:
            data_keys.remove("apparatus_updates")
            data__apparatusupdates = data["apparatus_updates"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_9(data__apparatusupdates, custom_formats, (name_prefix or "data") + ".apparatus_updates")
        if "timeline" in data_keys:
            data_keys.remove("timeline")
            data__timeline = data["timeline"]
            if not isinstance(data__timeline, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timeline must be array")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_9(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_contains = False
        for data_key in data:
            try:
                data_key_is_dict = isinstance(data_key, dict)
                if data_key_is_dict:
                    data_key__missing_keys = set(['kind']) - data_key.keys()
                    if data_key__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                    data_key_keys = set(data_key.keys())
                    if "kind" in data_key_keys:
                        data_key_keys.remove("kind")
                        data_key__kind = data_key["kind"]
                        if not (isinstance(data_key__kind, str) and data_key__kind == 'alert' or isinstance(data_key__kind, str) and data_key__kind == 'runbook' or isinstance(data_key__kind, str) and data_key__kind == 'escalation' or isinstance(data_key__kind, str) and data_key__kind == 'drill'):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['alert', 'runbook', 'escalation', 'drill']")
                    if "records_change" in data_key_keys:
                        data_key_keys.remove("records_change")
                        data_key__recordschange = data_key["records_change"]
                        if not (isinstance(data_key__recordschange, bool) and data_key__recordschange is True):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".records_change must be one of [True]")
                data_contains = True
                break
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_contains:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain one of contains definition")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_apparatus_update(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_apparatus_update(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['kind']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'alert' or isinstance(data__kind, str) and data__kind == 'runbook' or isinstance(data__kind, str) and data__kind == 'escalation' or isinstance(data__kind, str) and data__kind == 'drill'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['alert', 'runbook', 'escalation', 'drill']")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_8(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_contains = False
        for data_key in data:
            try:
                data_key_is_dict = isinstance(data_key, dict)
                if data_key_is_dict:
                    data_key__missing_keys = set(['type']) - data_key.keys()
                    if data_key__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                    data_key_keys = set(data_key.keys())
                    if "type" in data_key_keys:
                        data_key_keys.remove("type")
                        data_key__type = data_key["type"]
                        if not (isinstance(data_key__type, str) and data_key__type == 'alert' or isinstance(data_key__type, str) and data_key__type == 'runbook' or isinstance(data_key__type, str) and data_key__type == 'escalation' or isinstance(data_key__type, str) and data_key__type == 'drill'):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['alert', 'runbook', 'escalation', 'drill']")
                data_contains = True
                break
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_contains:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain one of contains definition")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_follow_up(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_follow_up(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['status']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "status" in data_keys:
                data_keys.remove("status")
                data__status = data["status"]
                if not (isinstance(data__status, str) and data__status == 'done' or isinstance(data__status, str) and data__status == 'closed' or isinstance(data__status, str) and data__status == "won't do"):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['done', 'closed', \"won't do\"]")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['closed']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['status']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "status" in data_keys:
                data_keys.remove("status")
                data__status = data["status"]
                if not (isinstance(data__status, str) and data__status == 'open' or isinstance(data__status, str) and data__status == 'pending' or isinstance(data__status, str) and data__status == 'scheduled' or isinstance(data__status, str) and data__status == 'in progress' or isinstance(data__status, str) and data__status == 'blocked'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['open', 'pending', 'scheduled', 'in progress', 'blocked']")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['closed']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['action', 'owner', 'due', 'status', 'type']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "due" in data_keys:
            data_keys.remove("due")
            data__due = data["due"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_date(data__due, custom_formats, (name_prefix or "data") + ".due")
        if "closed" in data_keys:
            data_keys.remove("closed")
            data__closed = data["closed"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_date(data__closed, custom_formats, (name_prefix or "data") + ".closed")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not (isinstance(data__status, str) and data__status == 'open' or isinstance(data__status, str) and data__status == 'pending' or isinstance(data__status, str) and data__status == 'scheduled' or isinstance(data__status, str) and data__status == 'in progress' or isinstance(data__status, str) and data__status == 'blocked' or isinstance(data__status, str) and data__status == 'done' or isinstance(data__status, str) and data__status == 'closed' or isinstance(data__status, str) and data__status == "won't do"):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['open', 'pending', 'scheduled', 'in progress', 'blocked', 'done', 'closed', \"won't do\"]")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not (isinstance(data__type, str) and data__type == 'alert' or isinstance(data__type, str) and data__type == 'runbook' or isinstance(data__type, str) and data__type == 'escalation' or isinstance(data__type, str) and data__type == 'drill' or isinstance(data__type, str) and data__type == 'eval' or isinstance(data__type, str) and data__type == 'fix' or isinstance(data__type, str) and data__type == 'data' or isinstance(data__type, str) and data__type == 'other'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['alert', 'runbook', 'escalation', 'drill', 'eval', 'fix', 'data', 'other']")
        if "ticket" in data_keys:
            data_keys.remove("ticket")
            data__ticket = data["ticket"]
            if not isinstance(data__ticket, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".ticket must be string")
            if isinstance(data__ticket, str):
                if not REGEX_PATTERNS['^(https?://\\S+|[A-Z][A-Z0-9]*-\\d+|#\\d+|[\\w.-]+/[\\w.-]+#\\d+)$'].search(data__ticket):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ticket must match pattern ^(https?://\\S+|[A-Z][A-Z0-9]*-\\d+|#\\d+|[\\w.-]+/[\\w.-]+#\\d+)$")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^\\d{4}-\\d{2}-\\d{2}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^\\d{4}-\\d{2}-\\d{2}$")
        if not custom_formats["date"](data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be date")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_7(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['summary', 'timeline', 'cause', 'blast_radius', 'eval_delta', 'follow_up_actions', 'apparatus_updates', 'what_went_well', 'what_did_not_go_well']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "summary" in data_keys:
            data_keys.remove("summary")
            data__summary = data["summary"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__summary, custom_formats, (name_prefix or "data") + ".summary")
        if "timeline" in data_keys:
            data_keys.remove("timeline")
            data__timeline = data["timeline"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__timeline, custom_formats, (name_prefix or "data") + ".timeline")
        if "cause" in data_keys:
            data_keys.remove("cause")
            data__cause = data["cause"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__cause, custom_formats, (name_prefix or "data") + ".cause")
        if "blast_radius" in data_keys:
            data_keys.remove("blast_radius")
            data__blastradius = data["blast_radius"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__blastradius, custom_formats, (name_prefix or "data") + ".blast_radius")
        if "eval_delta" in data_keys:
            data_keys.remove("eval_delta")
            data__evaldelta = data["eval_delta"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__evaldelta, custom_formats, (name_prefix or "data") + ".eval_delta")
        if "follow_up_actions" in data_keys:
            data_keys.remove("follow_up_actions")
            data__followupactions = data["follow_up_actions"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__followupactions, custom_formats, (name_prefix or "data") + ".follow_up_actions")
        if "apparatus_updates" in data_keys:
            data_keys.remove("apparatus_updates")
            data__apparatusupdates = data["apparatus_updates"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__apparatusupdates, custom_formats, (name_prefix or "data") + ".apparatus_updates")
        if "what_went_well" in data_keys:
            data_keys.remove("what_went_well")
            data__whatwentwell = data["what_went_well"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__whatwentwell, custom_formats, (name_prefix or "data") + ".what_went_well")
        if "what_did_not_go_well" in data_keys:
            data_keys.remove("what_did_not_go_well")
            data__whatdidnotgowell = data["what_did_not_go_well"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data__whatdidnotgowell, custom_formats, (name_prefix or "data") + ".what_did_not_go_well")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_section(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "empty" in data_keys:
            data_keys.remove("empty")
            data__empty = data["empty"]
            if not (isinstance(data__empty, bool) and data__empty is False):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".empty must be one of [False]")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_6(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['status']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "status" in data_keys:
                data_keys.remove("status")
                data__status = data["status"]
                validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_5(data__status, custom_formats, (name_prefix or "data") + ".status")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['resolved']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['status']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "status" in data_keys:
                data_keys.remove("status")
                data__status = data["status"]
                if not (isinstance(data__status, str) and data__status == 'published'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['published']")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['published']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'title', 'date', 'severity', 'duration', 'status', 'team', 'oncall', 'cause']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_text(data__title, custom_formats, (name_prefix or "data") + ".title")
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
        if "severity" in data_keys:
            data_keys.remove("severity")
            data__severity = data["severity"]
            if not (isinstance(data__severity, str) and data__severity == 'P0' or isinstance(data__severity, str) and data__severity == 'P1' or isinstance(data__severity, str) and data__severity == 'P2' or isinstance(data__severity, str) and data__severity == 'P3' or isinstance(data__severity, str) and data__severity == 'P4'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".severity must be one of ['P0', 'P1', 'P2', 'P3', 'P4']")
        if "duration" in data_keys:
            data_keys.remove("duration")
            data__duration = data["duration"]
            if not isinstance(data__duration, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".duration must be string")
            if isinstance(data__duration, str):
                data__duration_len = len(data__duration)
                if data__duration_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".duration must be longer than or equal to 1 characters")
                if not REGEX_PATTERNS['^(\\d+d)?(\\d+h)?(\\d+m)?$'].search(data__duration):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".duration must match pattern ^(\\d+d)?(\\d+h)?(\\d+m)?$")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not (isinstance(data__status, str) and data__status == 'draft' or isinstance(data__status, str) and data__status == 'review' or isinstance(data__status, str) and data__status == 'published'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['draft', 'review', 'published']")
        if "team" in data_keys:
            data_keys.remove("team")
            data__team = data["team"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_text(data__team, custom_formats, (name_prefix or "data") + ".team")
        if "oncall" in data_keys:
            data_keys.remove("oncall")
            data__oncall = data["oncall"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_0(data__oncall, custom_formats, (name_prefix or "data") + ".oncall")
        if "resolved" in data_keys:
            data_keys.remove("resolved")
            data__resolved = data["resolved"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_1(data__resolved, custom_formats, (name_prefix or "data") + ".resolved")
        if "published" in data_keys:
            data_keys.remove("published")
            data__published = data["published"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_date(data__published, custom_formats, (name_prefix or "data") + ".published")
        if "cause" in data_keys:
            data_keys.remove("cause")
            data__cause = data["cause"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_3(data__cause, custom_formats, (name_prefix or "data") + ".cause")
        if "parent" in data_keys:
            data_keys.remove("parent")
            data__parent = data["parent"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_id(data__parent, custom_formats, (name_prefix or "data") + ".parent")
        if "tags" in data_keys:
            data_keys.remove("tags")
            data__tags = data["tags"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_4(data__tags, custom_formats, (name_prefix or "data") + ".tags")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_4(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_3(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['primary']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "primary" in data_keys:
            data_keys.remove("primary")
            data__primary = data["primary"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_cause_category(data__primary, custom_formats, (name_prefix or "data") + ".primary")
        if "contributing" in data_keys:
            data_keys.remove("contributing")
            data__contributing = data["contributing"]
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_2(data__contributing, custom_formats, (name_prefix or "data") + ".contributing")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_2(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_cause_category(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_cause_category(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'prompt' or isinstance(data, str) and data == 'model' or isinstance(data, str) and data == 'retrieval' or isinstance(data, str) and data == 'data' or isinstance(data, str) and data == 'tooling' or isinstance(data, str) and data == 'gateway' or isinstance(data, str) and data == 'upstream' or isinstance(data, str) and data == 'apparatus'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['prompt', 'model', 'retrieval', 'data', 'tooling', 'gateway', 'upstream', 'apparatus']")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_1(data, custom_formats={}, name_prefix=None):
    data_any_of_count1 = 0
    if not data_any_of_count1:
        try:
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_date(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        try:
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_datetime(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_datetime(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2})?$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2})?$")
        if not custom_formats["pmlint-datetime"](data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be pmlint-datetime")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_0(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
        for data_x, data_item in enumerate(data):
            validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_text(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters")
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern \\S")
        if not custom_formats["pmlint-not-pattern-0"](data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be pmlint-not-pattern-0")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    return data

def validate_https___pmlint_dev_schemas_postmortem_schema_json___defs_pmlint_moved_5(data, custom_formats={}, name_prefix=None):
    try:
        if not (isinstance(data, str) and data == 'draft'):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['draft']")
    except (JsonSchemaValueException, JsonSchemaValuesException): pass
    else:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    return data

SCHEMA_SHA256 = 'a45929712e4d5c236557c2279837e365f3cb59e6b881a8be4dda49796e4cc265'
NOT_PATTERNS = {'pmlint-not-pattern-0': '^\\s*(?:(?:TODO|TBD|FIXME|N/A|lorem ipsum)(?![\\w/])|(?:-+|\\.\\.\\.|…|\\?\\?\\?)(?!\\S)|<(?!/?(?:a|abbr|b|blockquote|br|center|code|dd|del|details|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|s|section|small|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|tr|tt|u|ul)\\b)[^<>]*>)'}
validate = validate_https___pmlint_dev_schemas_postmortem_schema_json
