# Generated from https://pmlint.dev/schemas/config.schema.json by `python -m pmlint._compiled`: do not edit.
from decimal import Decimal
VERSION = "2.22.3"
import re
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^https?://[^/?#\\s]+(/[^?#\\s]*)?$': re.compile('^https?://[^/?#\\s]+(/[^?#\\s]*)?\\Z'),
    '^[A-Za-z_][A-Za-z0-9_]*$': re.compile('^[A-Za-z_][A-Za-z0-9_]*\\Z'),
    '^[A-Za-z0-9_-]+$': re.compile('^[A-Za-z0-9_-]+\\Z'),
    '^PM\\d{3}$': re.compile('^PM\\d{3}\\Z'),
    '^\\d{4}-\\d{2}-\\d{2}$': re.compile('^\\d{4}-\\d{2}-\\d{2}\\Z'),
    '^(prompt|model|retrieval|data|tooling|gateway|upstream|apparatus)/[a-z0-9][a-z0-9_-]*$': re.compile('^(prompt|model|retrieval|data|tooling|gateway|upstream|apparatus)/[a-z0-9][a-z0-9_-]*\\Z')
}

NoneType = type(None)

def validate_https___pmlint_dev_schemas_config_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "paths" in data_keys:
            data_keys.remove("paths")
            data__paths = data["paths"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_strings(data__paths, custom_formats, (name_prefix or "data") + ".paths")
        if "exclude" in data_keys:
            data_keys.remove("exclude")
            data__exclude = data["exclude"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_strings(data__exclude, custom_formats, (name_prefix or "data") + ".exclude")
        if "extend_exclude" in data_keys:
            data_keys.remove("extend_exclude")
            data__extendexclude = data["extend_exclude"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_strings(data__extendexclude, custom_formats, (name_prefix or "data") + ".extend_exclude")
        if "max_file_size" in data_keys:
            data_keys.remove("max_file_size")
            data__maxfilesize = data["max_file_size"]
            if not isinstance(data__maxfilesize, (int)) and not (isinstance(data__maxfilesize, float) and data__maxfilesize.is_integer()) or isinstance(data__maxfilesize, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".max_file_size must be integer")
            if isinstance(data__maxfilesize, (int, float, Decimal)) and not isinstance(data__maxfilesize, bool):
                if data__maxfilesize < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".max_file_size must be bigger than or equal to 1")
        if "id_pattern" in data_keys:
            data_keys.remove("id_pattern")
            data__idpattern = data["id_pattern"]
            if not isinstance(data__idpattern, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id_pattern must be string")
            if isinstance(data__idpattern, str):
                data__idpattern_len = len(data__idpattern)
                if data__idpattern_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".id_pattern must be longer than or equal to 1 characters")
                try:
                    re.compile(data__idpattern)
                except Exception:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".id_pattern must be a valid regex")
        if "severities" in data_keys:
            data_keys.remove("severities")
            data__severities = data["severities"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_strings(data__severities, custom_formats, (name_prefix or "data") + ".severities")
        if "cause_subcategories" in data_keys:
            data_keys.remove("cause_subcategories")
            data__causesubcategories = data["cause_subcategories"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_0(data__causesubcategories, custom_formats, (name_prefix or "data") + ".cause_subcategories")
        if "heading_aliases" in data_keys:
            data_keys.remove("heading_aliases")
            data__headingaliases = data["heading_aliases"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_1(data__headingaliases, custom_formats, (name_prefix or "data") + ".heading_aliases")
        if "status_synonyms" in data_keys:
            data_keys.remove("status_synonyms")
            data__statussynonyms = data["status_synonyms"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_2(data__statussynonyms, custom_formats, (name_prefix or "data") + ".status_synonyms")
        if "type_synonyms" in data_keys:
            data_keys.remove("type_synonyms")
            data__typesynonyms = data["type_synonyms"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_3(data__typesynonyms, custom_formats, (name_prefix or "data") + ".type_synonyms")
        if "slo_business_days" in data_keys:
            data_keys.remove("slo_business_days")
            data__slobusinessdays = data["slo_business_days"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_days(data__slobusinessdays, custom_formats, (name_prefix or "data") + ".slo_business_days")
        if "slo_business_days_by_severity" in data_keys:
            data_keys.remove("slo_business_days_by_severity")
            data__slobusinessdaysbyseverity = data["slo_business_days_by_severity"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_4(data__slobusinessdaysbyseverity, custom_formats, (name_prefix or "data") + ".slo_business_days_by_severity")
        if "holidays" in data_keys:
            data_keys.remove("holidays")
            data__holidays = data["holidays"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_5(data__holidays, custom_formats, (name_prefix or "data") + ".holidays")
        if "closure_days" in data_keys:
            data_keys.remove("closure_days")
            data__closuredays = data["closure_days"]
            if not isinstance(data__closuredays, (int)) and not (isinstance(data__closuredays, float) and data__closuredays.is_integer()) or isinstance(data__closuredays, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".closure_days must be integer")
            if isinstance(data__closuredays, (int, float, Decimal)) and not isinstance(data__closuredays, bool):
                if data__closuredays < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".closure_days must be bigger than or equal to 1")
                if data__closuredays > 365:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".closure_days must be smaller than or equal to 365")
        if "closure_target" in data_keys:
            data_keys.remove("closure_target")
            data__closuretarget = data["closure_target"]
            if not isinstance(data__closuretarget, (int, float, Decimal)) or isinstance(data__closuretarget, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".closure_target must be number")
            if isinstance(data__closuretarget, (int, float, Decimal)) and not isinstance(data__closuretarget, bool):
                if data__closuretarget < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".closure_target must be bigger than or equal to 0")
                if data__closuretarget > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".closure_target must be smaller than or equal to 1")
        if "today" in data_keys:
            data_keys.remove("today")
            data__today = data["today"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_date(data__today, custom_formats, (name_prefix or "data") + ".today")
        if "draft_severity" in data_keys:
            data_keys.remove("draft_severity")
            data__draftseverity = data["draft_severity"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_level(data__draftseverity, custom_formats, (name_prefix or "data") + ".draft_severity")
        if "blame_phrases" in data_keys:
            data_keys.remove("blame_phrases")
            data__blamephrases = data["blame_phrases"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_strings(data__blamephrases, custom_formats, (name_prefix or "data") + ".blame_phrases")
        if "ignore" in data_keys:
            data_keys.remove("ignore")
            data__ignore = data["ignore"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_6(data__ignore, custom_formats, (name_prefix or "data") + ".ignore")
        if "severity" in data_keys:
            data_keys.remove("severity")
            data__severity = data["severity"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_7(data__severity, custom_formats, (name_prefix or "data") + ".severity")
        if "schema" in data_keys:
            data_keys.remove("schema")
            data__schema = data["schema"]
            if not isinstance(data__schema, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".schema must be string")
            if isinstance(data__schema, str):
                data__schema_len = len(data__schema)
                if data__schema_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".schema must be longer than or equal to 1 characters")
        if "baseline" in data_keys:
            data_keys.remove("baseline")
            data__baseline = data["baseline"]
            if not isinstance(data__baseline, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".baseline must be string")
            if isinstance(data__baseline, str):
                data__baseline_len = len(data__baseline)
                if data__baseline_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".baseline must be longer than or equal to 1 characters")
        if "enforce_from" in data_keys:
            data_keys.remove("enforce_from")
            data__enforcefrom = data["enforce_from"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_date(data__enforcefrom, custom_formats, (name_prefix or "data") + ".enforce_from")
        if "cache_dir" in data_keys:
            data_keys.remove("cache_dir")
            data__cachedir = data["cache_dir"]
            if not isinstance(data__cachedir, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cache_dir must be string")
            if isinstance(data__cachedir, str):
                data__cachedir_len = len(data__cachedir)
                if data__cachedir_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cache_dir must be longer than or equal to 1 characters")
        if "jobs" in data_keys:
            data_keys.remove("jobs")
            data__jobs = data["jobs"]
            if not isinstance(data__jobs, (int)) and not (isinstance(data__jobs, float) and data__jobs.is_integer()) or isinstance(data__jobs, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".jobs must be integer")
            if isinstance(data__jobs, (int, float, Decimal)) and not isinstance(data__jobs, bool):
                if data__jobs < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".jobs must be bigger than or equal to 0")
        if "trackers" in data_keys:
            data_keys.remove("trackers")
            data__trackers = data["trackers"]
            validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_8(data__trackers, custom_formats, (name_prefix or "data") + ".trackers")
        if "tickets" in data_keys:
            data_keys.remove("tickets")
            data__tickets = data["tickets"]
            if not isinstance(data__tickets, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tickets must be string")
            if isinstance(data__tickets, str):
                data__tickets_len = len(data__tickets)
                if data__tickets_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".tickets must be longer than or equal to 1 characters")
        if "tickets_max_age" in data_keys:
            data_keys.remove("tickets_max_age")
            data__ticketsmaxage = data["tickets_max_age"]
            if not isinstance(data__ticketsmaxage, (int)) and not (isinstance(data__ticketsmaxage, float) and data__ticketsmaxage.is_integer()) or isinstance(data__ticketsmaxage, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tickets_max_age must be integer")
            if isinstance(data__ticketsmaxage, (int, float, Decimal)) and not isinstance(data__ticketsmaxage, bool):
                if data__ticketsmaxage < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".tickets_max_age must be bigger than or equal to 1")
                if data__ticketsmaxage > 3650:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".tickets_max_age must be smaller than or equal to 3650")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_8(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                if not isinstance(data_value, (dict)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be object")
                data_value_is_dict = isinstance(data_value, dict)
                if data_value_is_dict:
                    data_value_keys = set(data_value.keys())
                    if "kind" in data_value_keys:
                        data_value_keys.remove("kind")
                        data_value__kind = data_value["kind"]
                        if not (isinstance(data_value__kind, str) and data_value__kind == 'github' or isinstance(data_value__kind, str) and data_value__kind == 'gitlab' or isinstance(data_value__kind, str) and data_value__kind == 'jira'):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.kind".format(**locals()) + " must be one of ['github', 'gitlab', 'jira']")
                    if "url" in data_value_keys:
                        data_value_keys.remove("url")
                        data_value__url = data_value["url"]
                        if not isinstance(data_value__url, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.url".format(**locals()) + " must be string")
                        if isinstance(data_value__url, str):
                            if not REGEX_PATTERNS['^https?://[^/?#\\s]+(/[^?#\\s]*)?$'].search(data_value__url):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.url".format(**locals()) + " must match pattern ^https?://[^/?#\\s]+(/[^?#\\s]*)?$")
                    if "api" in data_value_keys:
                        data_value_keys.remove("api")
                        data_value__api = data_value["api"]
                        if not isinstance(data_value__api, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.api".format(**locals()) + " must be string")
                        if isinstance(data_value__api, str):
                            if not REGEX_PATTERNS['^https?://[^/?#\\s]+(/[^?#\\s]*)?$'].search(data_value__api):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.api".format(**locals()) + " must match pattern ^https?://[^/?#\\s]+(/[^?#\\s]*)?$")
                    if "graphql" in data_value_keys:
                        data_value_keys.remove("graphql")
                        data_value__graphql = data_value["graphql"]
                        if not isinstance(data_value__graphql, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.graphql".format(**locals()) + " must be string")
                        if isinstance(data_value__graphql, str):
                            if not REGEX_PATTERNS['^https?://[^/?#\\s]+(/[^?#\\s]*)?$'].search(data_value__graphql):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.graphql".format(**locals()) + " must match pattern ^https?://[^/?#\\s]+(/[^?#\\s]*)?$")
                    if "token_env" in data_value_keys:
                        data_value_keys.remove("token_env")
                        data_value__tokenenv = data_value["token_env"]
                        if not isinstance(data_value__tokenenv, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.token_env".format(**locals()) + " must be string")
                        if isinstance(data_value__tokenenv, str):
                            if not REGEX_PATTERNS['^[A-Za-z_][A-Za-z0-9_]*$'].search(data_value__tokenenv):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.token_env".format(**locals()) + " must match pattern ^[A-Za-z_][A-Za-z0-9_]*$")
                    if "email_env" in data_value_keys:
                        data_value_keys.remove("email_env")
                        data_value__emailenv = data_value["email_env"]
                        if not isinstance(data_value__emailenv, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.email_env".format(**locals()) + " must be string")
                        if isinstance(data_value__emailenv, str):
                            if not REGEX_PATTERNS['^[A-Za-z_][A-Za-z0-9_]*$'].search(data_value__emailenv):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.email_env".format(**locals()) + " must match pattern ^[A-Za-z_][A-Za-z0-9_]*$")
                    if data_value_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must not contain "+str(data_value_keys)+" properties")
        data_len = len(data)
        if data_len != 0:
            data_property_names = True
            for data_key in data:
                try:
                    if isinstance(data_key, str):
                        if not REGEX_PATTERNS['^[A-Za-z0-9_-]+$'].search(data_key):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[A-Za-z0-9_-]+$")
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    data_property_names = False
            if not data_property_names:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be named by propertyName definition")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_7(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                validate_https___pmlint_dev_schemas_config_schema_json___defs_level(data_value, custom_formats, (name_prefix or "data") + ".{data_key}".format(**locals()))
        data_len = len(data)
        if data_len != 0:
            data_property_names = True
            for data_key in data:
                try:
                    validate_https___pmlint_dev_schemas_config_schema_json___defs_code(data_key, custom_formats, (name_prefix or "data") + "")
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    data_property_names = False
            if not data_property_names:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be named by propertyName definition")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_code(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^PM\\d{3}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^PM\\d{3}$")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_6(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate_https___pmlint_dev_schemas_config_schema_json___defs_code(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_level(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'error' or isinstance(data, str) and data == 'warning'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['error', 'warning']")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^\\d{4}-\\d{2}-\\d{2}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^\\d{4}-\\d{2}-\\d{2}$")
        if not custom_formats["date"](data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be date")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_5(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate_https___pmlint_dev_schemas_config_schema_json___defs_date(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_4(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                validate_https___pmlint_dev_schemas_config_schema_json___defs_days(data_value, custom_formats, (name_prefix or "data") + ".{data_key}".format(**locals()))
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_days(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int)) and not (isinstance(data, float) and data.is_integer()) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 0:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to 0")
        if data > 365:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 365")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_3(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                if not (isinstance(data_value, str) and data_value == 'alert' or isinstance(data_value, str) and data_value == 'runbook' or isinstance(data_value, str) and data_value == 'escalation' or isinstance(data_value, str) and data_value == 'drill' or isinstance(data_value, str) and data_value == 'eval' or isinstance(data_value, str) and data_value == 'fix' or isinstance(data_value, str) and data_value == 'data' or isinstance(data_value, str) and data_value == 'other'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be one of ['alert', 'runbook', 'escalation', 'drill', 'eval', 'fix', 'data', 'other']")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_2(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                if not (isinstance(data_value, str) and data_value == 'open' or isinstance(data_value, str) and data_value == 'pending' or isinstance(data_value, str) and data_value == 'scheduled' or isinstance(data_value, str) and data_value == 'in progress' or isinstance(data_value, str) and data_value == 'blocked' or isinstance(data_value, str) and data_value == 'done' or isinstance(data_value, str) and data_value == 'closed' or isinstance(data_value, str) and data_value == "won't do"):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be one of ['open', 'pending', 'scheduled', 'in progress', 'blocked', 'done', 'closed', \"won't do\"]")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_1(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                if not (isinstance(data_value, str) and data_value == 'summary' or isinstance(data_value, str) and data_value == 'timeline' or isinstance(data_value, str) and data_value == 'cause' or isinstance(data_value, str) and data_value == 'blast_radius' or isinstance(data_value, str) and data_value == 'eval_delta' or isinstance(data_value, str) and data_value == 'follow_up_actions' or isinstance(data_value, str) and data_value == 'apparatus_updates' or isinstance(data_value, str) and data_value == 'what_went_well' or isinstance(data_value, str) and data_value == 'what_did_not_go_well' or isinstance(data_value, str) and data_value == 'identification' or isinstance(data_value, str) and data_value == 'lessons_learned'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be one of ['summary', 'timeline', 'cause', 'blast_radius', 'eval_delta', 'follow_up_actions', 'apparatus_updates', 'what_went_well', 'what_did_not_go_well', 'identification', 'lessons_learned']")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_pmlint_moved_0(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
            if isinstance(data_item, str):
                if not REGEX_PATTERNS['^(prompt|model|retrieval|data|tooling|gateway|upstream|apparatus)/[a-z0-9][a-z0-9_-]*$'].search(data_item):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must match pattern ^(prompt|model|retrieval|data|tooling|gateway|upstream|apparatus)/[a-z0-9][a-z0-9_-]*$")
    return data

def validate_https___pmlint_dev_schemas_config_schema_json___defs_strings(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
            if isinstance(data_item, str):
                data_item_len = len(data_item)
                if data_item_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be longer than or equal to 1 characters")
    return data

SCHEMA_SHA256 = 'eebc994de23c7bd32d7417300a31a9adc0bce4538a42027ff853c419079d2749'
NOT_PATTERNS = {}
validate = validate_https___pmlint_dev_schemas_config_schema_json
