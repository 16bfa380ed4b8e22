#!/usr/bin/env python3
"""The checklist form in a real browser (headless Chromium through Selenium and chromedriver).

    Tests/Browser/checklist_form.py <release folder>

Serves the release on 127.0.0.1 and, on the checklist page:
- without JavaScript: a blank form with every question, no buttons;
- with JavaScript: fills the form with the keyboard and the mouse, sees a comment hidden when
  the answer is yes (the Questionnaire's enableWhen), reloads and finds the answers kept, shows
  them in the print view (where buttons and note are hidden), downloads the JSON and the FHIR
  QuestionnaireResponse, and checks both: the response with fhir.resources (R4B) against the
  published Questionnaire. No request leaves the site.
"""
import json
import sys
import tempfile
import time
from pathlib import Path

from browser import check, chrome, finish, serve
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def browser(downloads, javascript=True):
    return chrome(javascript=javascript, window="1200,2000", downloads=downloads)


def wait_for_file(folder, suffix, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = [p for p in Path(folder).iterdir() if p.name.endswith(suffix) and not p.name.endswith(".crdownload")]
        if found:
            return found[0]
        time.sleep(0.1)
    return None


def main(release):
    bundle = json.loads((release / "api/checklists.json").read_text())
    checklist = bundle["checklists"][0]
    questionnaire = Questionnaire.model_validate_json((release / f"api/fhir/Questionnaire-{checklist['id']}.json").read_text())
    link_ids = set()

    def collect(items):
        for item in items or []:
            link_ids.add(item.linkId)
            collect(item.item)

    collect(questionnaire.item)
    server = serve(release)
    url = f"http://127.0.0.1:{server.server_address[1]}/{checklist['url']}index.html"
    questions = checklist["questions"]

    with tempfile.TemporaryDirectory() as downloads:
        driver = browser(downloads, javascript=False)
        try:
            driver.get(url)
            items = driver.find_elements(By.CSS_SELECTOR, "li[data-question]")
            check([i.get_attribute("data-question") for i in items] == [q["id"] for q in questions],
                  "without JavaScript: the questions are not the bundle's, in order")
            check(not driver.find_element(By.CSS_SELECTOR, "[data-form-actions]").is_displayed(),
                  "without JavaScript: the buttons show, though they cannot work")
            check(driver.find_element(By.CSS_SELECTOR, ".privacy-note").is_displayed(), "the note that nothing leaves the device is not visible")
        finally:
            driver.quit()

        driver = browser(downloads)
        try:
            driver.get(url)
            check(driver.find_element(By.CSS_SELECTOR, "[data-form-actions]").is_displayed(), "with JavaScript: no buttons")
            choices = [q for q in questions if q["answerType"] == "yes-no-unsure"]
            texts = [q for q in questions if q["answerType"] == "text"]
            # The first choice by keyboard (Space selects a focused radio), the rest by clicking.
            first = driver.find_element(By.ID, f"svar-{choices[0]['id']}--no")
            first.send_keys(Keys.SPACE)
            check(first.is_selected(), "the keyboard does not select an answer")
            answers = {choices[0]["id"]: "no"}
            for question, code in zip(choices[1:], ["yes", "unsure", "yes", "no", "unsure", "yes"]):
                driver.find_element(By.CSS_SELECTOR, f"label[for='svar-{question['id']}--{code}']").click()
                answers[question["id"]] = code
            for question in texts:
                driver.find_element(By.ID, f"svar-{question['id']}").send_keys(f"Svar på {question['id']}: æøå")
            for question in choices:
                comment = driver.find_element(By.ID, f"kommentar-{question['id']}")
                if answers[question["id"]] == "yes":
                    check(not comment.is_displayed(), f"{question['id']}: the comment shows although the answer is yes")
                else:
                    comment.send_keys(f"Begrunnelse {question['id']}")

            driver.refresh()
            for question in choices:
                code = answers[question["id"]]
                check(driver.find_element(By.ID, f"svar-{question['id']}--{code}").is_selected(),
                      f"{question['id']}: the answer is not kept after a reload")
            check(driver.find_element(By.ID, f"svar-{texts[0]['id']}").get_property("value").startswith("Svar på"),
                  "a text answer is not kept after a reload")

            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            check(not driver.find_element(By.CSS_SELECTOR, "[data-form-actions]").is_displayed(), "print view: the buttons show")
            check(driver.find_element(By.ID, f"svar-{choices[0]['id']}--no").is_selected(), "print view: the answers are gone")
            check(driver.find_element(By.ID, f"svar-{texts[0]['id']}").is_displayed(), "print view: the text answer is hidden")
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

            driver.find_element(By.CSS_SELECTOR, "button[data-action='json']").click()
            plain = wait_for_file(downloads, ".json")
            check(plain is not None, "the JSON download did not arrive")
            driver.find_element(By.CSS_SELECTOR, "button[data-action='fhir']").click()
            response_file = wait_for_file(downloads, "-QuestionnaireResponse.json")
            check(response_file is not None, "the FHIR download did not arrive")
            if plain:
                document = json.loads(plain.read_text())
                check(document["checklist"] == checklist["id"] and document["version"] == checklist["version"],
                      "the JSON names another checklist")
                got = {a["id"]: a["answer"] for a in document["answers"]}
                check(all(got[q] == code for q, code in answers.items()), f"the JSON answers are not the ones given: {got}")
                check([a["id"] for a in document["answers"]] == [q["id"] for q in questions], "the JSON answers are out of order")
            if response_file:
                response = QuestionnaireResponse.model_validate_json(response_file.read_text())
                check(response.questionnaire == f"{questionnaire.url}|{questionnaire.version}",
                      f"the response points at {response.questionnaire}")
                check(response.status == "completed", f"the response is {response.status}, though every question is answered")
                given = []

                def walk(items):
                    for item in items or []:
                        check(item.linkId in link_ids, f"the response has linkId {item.linkId}, which the Questionnaire lacks")
                        given.extend(item.answer or [])
                        walk(item.item)

                walk(response.item)
                codes = [a.valueCoding.code for a in given if a.valueCoding]
                check(codes == [answers[q["id"]] for q in choices], f"the response's codes {codes} are not the answers")
            origin = f"http://127.0.0.1:{server.server_address[1]}/"
            requests = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
            check(all(r.startswith(origin) or r.startswith("blob:") for r in requests), f"requests leave the site: {requests}")
        finally:
            driver.quit()
            server.shutdown()

    finish("Tests/Browser/checklist_form.py", f"{url}: no-JS form, filled, kept, printed, JSON and QuestionnaireResponse")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
