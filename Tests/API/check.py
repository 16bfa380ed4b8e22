#!/usr/bin/env python3
"""Checks a release's api/ folder with validators that share no code with moteplass.

    Tests/API/check.py <release folder>

- check-jsonschema: the three schemas are valid JSON Schema 2020-12; the bundles validate
  against them; broken bundles (a question without `id`, an unknown key, a wrong status) are
  rejected.
- api/transitions.json agrees with api/recommendations.json: each transition is a pair of
  distinct parties, listed once, with its page; each of its recommendations is listed once, has a
  handover from `from` to `to` (one `when` per such handover, in order), is adopted (`vedtatt` or
  `retningslinje`) and has the same version and address.
- icalendar: moter.ics and each meeting's .ics parse, one event per meeting, on its date, with
  stable UIDs, timed events in Europe/Oslo (with its VTIMEZONE).
- icalendar: horinger.ics parses, with one all-day event (DTSTART;VALUE=DATE) per consultation of
  recommendations.json and checklists.json (`hearing`), on its deadline, with distinct UIDs.
- feedparser: feed.xml is a well-formed Atom feed whose entries have distinct ids, with an entry
  for each open consultation (`hearing.open`), linking to its page.
- fhir.resources (HL7 FHIR R4B models): the Questionnaires and the CodeSystem parse; every
  question id of the bundle is a group linkId, in order; linkIds are unique; enableWhen points
  at an item that exists; the version is the checklist's.

`check_release(release, broken_bundles=False, in_process=True)` runs the same checks on a
release without the broken-bundle rejections (they test the schema, not the content), with the
schemas checked by the jsonschema library that check-jsonschema runs, in this process (a second
for each file saved), and returns the failures instead of exiting: Tests/Property/check.py uses
it on every random site.
"""
import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import feedparser
import icalendar
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def schema_accepts(schema, document):
    result = subprocess.run(["check-jsonschema", "--schemafile", str(schema), str(document)], capture_output=True, text=True)
    return result.returncode == 0, result.stdout + result.stderr


def schema_accepts_in_process(schema, document):
    """What `schema_accepts` says, from jsonschema (the library check-jsonschema is built on,
    with its format checker) without starting a process."""
    import jsonschema
    validator_class = jsonschema.validators.validator_for(json.loads(Path(schema).read_text()))
    validator = validator_class(json.loads(Path(schema).read_text()), format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(json.loads(Path(document).read_text())), key=lambda e: list(e.path))
    return not errors, "\n".join(f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors[:5])


def metaschema_accepts_in_process(*schemas):
    import jsonschema
    messages = []
    for schema in schemas:
        contents = json.loads(Path(schema).read_text())
        try:
            jsonschema.validators.validator_for(contents).check_schema(contents)
        except jsonschema.exceptions.SchemaError as error:
            messages.append(f"{schema}: {error.message}")
    return not messages, "\n".join(messages)


def check_transitions(release, recommendations, transitions):
    """api/transitions.json against api/recommendations.json (see the module's summary). Whether
    each adopted recommendation that is in force is in its transitions needs what superseded it and
    its set's status, which recommendations.json does not carry: the Swift tests check that."""
    by_id = {r["id"]: r for r in recommendations}
    pairs = set()
    for transition in transitions:
        pair = (transition["from"]["id"], transition["to"]["id"])
        check(pair[0] != pair[1], f"transitions.json: a transition from {pair[0]} to itself")
        check(pair not in pairs, f"transitions.json: {pair} listed twice")
        pairs.add(pair)
        check((release / transition["url"] / "index.html").is_file(), f"transitions.json: {transition['url']} has no page")
        ids = [item["id"] for item in transition["recommendations"]]
        check(len(ids) == len(set(ids)), f"transitions.json: {pair} lists a recommendation twice")
        for item in transition["recommendations"]:
            recommendation = by_id.get(item["id"])
            check(recommendation is not None, f"transitions.json: {item['id']} is not in recommendations.json")
            if recommendation is None:
                continue
            whens = [h["when"] for h in recommendation["handover"] if (h["from"]["id"], h["to"]["id"]) == pair]
            check(item["when"] == whens, f"transitions.json: {item['id']} {pair} has when {item['when']}, its handovers {whens}")
            check(recommendation["status"] in ("vedtatt", "retningslinje"), f"transitions.json: {item['id']} is not adopted")
            check((item["version"], item["url"]) == (recommendation["version"], recommendation["url"]),
                  f"transitions.json: {item['id']}'s version or url differs from recommendations.json")


def accepted_breakings(schema, document, breakings):
    """The names of the `breakings` (name → function that breaks a document in place) whose broken
    copy of `document` the schema still accepts (check-jsonschema)."""
    found = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "broken.json"
        for what, breaking in breakings.items():
            broken = copy.deepcopy(document)
            breaking(broken)
            path.write_text(json.dumps(broken, ensure_ascii=False))
            ok, _ = schema_accepts(schema, path)
            if ok:
                found.append(what)
    return found


def check_release(release, broken_bundles=True, in_process=False):
    """The failures found in `release`'s api/ files, calendars and feed. With `broken_bundles`,
    also breaks copies of the bundle and expects the schema to reject them (this needs a checklist
    with a yes-no-unsure question)."""
    failures.clear()
    api = release / "api"
    bundle_schema = api / "schema/checklist-bundle.schema.json"
    recommendations_schema = api / "schema/recommendations.schema.json"
    transitions_schema = api / "schema/transitions.schema.json"
    schemas = [bundle_schema, recommendations_schema, transitions_schema]

    if in_process:
        ok, output = metaschema_accepts_in_process(*schemas)
    else:
        result = subprocess.run(["check-jsonschema", "--check-metaschema", *map(str, schemas)], capture_output=True, text=True)
        ok, output = result.returncode == 0, result.stdout + result.stderr
    check(ok, f"the schemas are not valid JSON Schema:\n{output}")
    accepts = schema_accepts_in_process if in_process else schema_accepts
    for schema, document in [(bundle_schema, api / "checklists.json"), (recommendations_schema, api / "recommendations.json"),
                             (transitions_schema, api / "transitions.json")]:
        ok, output = accepts(schema, document)
        check(ok, f"{document.name} does not validate against {schema.name}:\n{output}")
    transitions = json.loads((api / "transitions.json").read_text())
    check_transitions(release, json.loads((api / "recommendations.json").read_text())["recommendations"],
                      transitions["transitions"])
    broken_transitions = {
        "a transition without recommendations": lambda t: t["transitions"][0]["recommendations"].clear(),
        "a recommendation without when": lambda t: t["transitions"][0]["recommendations"][0].pop("when"),
        "an unknown key": lambda t: t["transitions"][0].__setitem__("extra", 1),
    }
    if broken_bundles and transitions["transitions"]:
        for what in accepted_breakings(transitions_schema, transitions, broken_transitions):
            check(False, f"the transitions schema accepts a file with {what}")

    bundle = json.loads((api / "checklists.json").read_text())
    broken = {
        "a question without id": lambda b: b["checklists"][0]["questions"][0].pop("id"),
        "an unknown key": lambda b: b["checklists"][0].__setitem__("extra", 1),
        "a status that does not exist": lambda b: b["checklists"][0].__setitem__("status", "godkjent"),
        "a yes-no-unsure question without answers": lambda b: next(
            q for q in b["checklists"][0]["questions"] if q["answerType"] == "yes-no-unsure")["answerOptions"].clear(),
        "a wrong schemaVersion": lambda b: b.__setitem__("schemaVersion", 2),
        "a hearing whose deadline is a month and whose answers go nowhere": lambda b: b["checklists"][0].__setitem__(
            "hearing", {"deadline": "2020-05", "respondTo": "horing", "documents": [], "open": True}),
    }
    if broken_bundles:
        check(len(bundle["checklists"]) > 0, "the bundle has no checklist")
    if broken_bundles and bundle["checklists"]:
        first_question = bundle["checklists"][0]["questions"][0]
        for what in accepted_breakings(bundle_schema, bundle, broken):
            check(False, f"the schema accepts a bundle with {what}")
        check("id" in first_question, "breaking a copy changed the bundle itself")

    for checklist in bundle["checklists"]:
        path = api / f"fhir/Questionnaire-{checklist['id']}.json"
        questionnaire = Questionnaire.model_validate_json(path.read_text())
        check(questionnaire.version == checklist["version"], f"{path.name}: version {questionnaire.version}, not {checklist['version']}")
        groups = [item.linkId for item in questionnaire.item]
        check(groups == [q["id"] for q in checklist["questions"]], f"{path.name}: group linkIds {groups} are not the question ids")
        link_ids = []

        def walk(items):
            for item in items or []:
                link_ids.append(item.linkId)
                walk(item.item)

        walk(questionnaire.item)
        check(len(link_ids) == len(set(link_ids)), f"{path.name}: linkIds are not unique")

        def conditions(items):
            for item in items or []:
                yield from (condition.question for condition in item.enableWhen or [])
                yield from conditions(item.item)

        for question in conditions(questionnaire.item):
            check(question in link_ids, f"{path.name}: enableWhen names {question}, which is no item")
        alone = json.loads((api / f"checklists/{checklist['id']}/{checklist['version']}.json").read_text())
        check(alone == checklist, f"api/checklists/{checklist['id']}/{checklist['version']}.json differs from the bundle")

    code_system = CodeSystem.model_validate_json((api / "fhir/CodeSystem-ja-nei-usikker.json").read_text())
    check([c.code for c in code_system.concept] == ["yes", "no", "unsure"], "the code system's codes are not yes, no, unsure")

    meetings = sorted(p.parent.name for p in (release / "moter").glob("*/index.html"))
    everything = icalendar.Calendar.from_ical((release / "moter.ics").read_bytes())
    check(len(everything.walk("VEVENT")) == len(meetings), f"moter.ics has {len(everything.walk('VEVENT'))} events for {len(meetings)} meetings")
    uids = set()
    for slug in meetings:
        calendar = icalendar.Calendar.from_ical((release / f"moter/{slug}/{slug}.ics").read_bytes())
        events = calendar.walk("VEVENT")
        check(len(events) == 1, f"moter/{slug}/{slug}.ics has {len(events)} events")
        for event in events:
            uids.add(str(event["UID"]))
            start = event.decoded("DTSTART")
            check(str(start).replace("-", "").startswith(slug[:10].replace("-", "")), f"{slug}.ics starts {start}, not on the meeting's date")
            if hasattr(start, "tzinfo"):
                check(str(event["DTSTART"].params.get("TZID")) == "Europe/Oslo" and start.tzinfo is not None,
                      f"{slug}.ics: a timed event not in Europe/Oslo")
            check(bool(str(event.get("SUMMARY", ""))), f"{slug}.ics has no SUMMARY")
    check(uids == {str(e["UID"]) for e in everything.walk("VEVENT")}, "the UIDs in moter.ics differ from the meetings' own files")
    check(any(c.name == "VTIMEZONE" and str(c["TZID"]) == "Europe/Oslo" for c in everything.walk()), "moter.ics lacks the Europe/Oslo VTIMEZONE")

    feed = feedparser.parse(str(release / "feed.xml"))
    check(not feed.bozo, f"feed.xml is not a well-formed feed: {feed.get('bozo_exception')}")
    ids = [entry.get("id") for entry in feed.entries]
    check(all(ids) and len(ids) == len(set(ids)), "feed.xml: entries without an id, or with the same id")

    # Consultations: (kind, id, page, hearing) of every recommendation and checklist with a hearing.
    consultations = [("anbefaling", r["id"], r["url"], r["hearing"]) for r in
                     json.loads((api / "recommendations.json").read_text())["recommendations"] if r["hearing"]]
    consultations += [("sjekkliste", c["id"], c["url"], c["hearing"]) for c in bundle["checklists"] if c["hearing"]]
    hearings = icalendar.Calendar.from_ical((release / "horinger.ics").read_bytes())
    events = {}
    for event in hearings.walk("VEVENT"):
        uid = str(event["UID"])
        check(uid not in events, f"horinger.ics: the UID {uid} is used twice")
        events[uid] = event
    check(len(events) == len(consultations), f"horinger.ics has {len(events)} events for {len(consultations)} consultations")
    for kind, key, url, hearing in consultations:
        event = next((e for uid, e in events.items() if uid.startswith(f"horing-{kind}-{key}@")), None)
        check(event is not None, f"horinger.ics has no event for {kind} {key}")
        if event is None:
            continue
        start = event.decoded("DTSTART")
        check(not hasattr(start, "hour"), f"horinger.ics: the deadline of {key} is not an all-day event")
        check(start.isoformat() == hearing["deadline"], f"horinger.ics: {key} on {start}, not on its deadline {hearing['deadline']}")
        check(str(event.get("URL", "")).endswith("/" + url), f"horinger.ics: {key} does not link to its page {url}")
    for kind, key, url, hearing in consultations:
        if hearing["open"]:
            check(any(href.endswith("/" + url) and key in entry.get("title", "") for entry in feed.entries
                      for href in [entry.get("link", "")]),
                  f"feed.xml has no entry for the open consultation of {kind} {key}")
    broken_count = len(broken) + (len(broken_transitions) if transitions["transitions"] else 0) if broken_bundles else 0
    return list(failures), {"broken": broken_count, "transitions": len(transitions["transitions"]), "checklists": len(bundle["checklists"]), "meetings": len(meetings), "entries": len(ids),
                            "consultations": len(consultations)}


def main(release):
    found, counts = check_release(release)
    if found:
        print("Tests/API/check.py: FAIL", *found, sep="\n- ", file=sys.stderr)
        sys.exit(1)
    print(f"Tests/API/check.py: ok ({release}/api: schemas, {counts['broken']} broken files rejected, "
          f"{counts['transitions']} transitions, "
          f"{counts['checklists']} Questionnaire(s), CodeSystem; {counts['meetings']} meetings in .ics; "
          f"{counts['consultations']} consultations in horinger.ics; feed.xml with {counts['entries']} entries)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
