#!/usr/bin/env python3
"""Drives the web station in headless Chromium: the real `mailroom` binary, a real database.

    Tests/Browser/run            # builds mailroom, then runs this file

It scans a few of samples/ into a fresh database, adds an operator, starts `mailroom serve`
on a free port and, with Selenium and Debian's chromium + chromium-driver:
  1. logs in;
  2. reviews three fields by keyboard only (Enter accepts, typing corrects, Alt+digit or digit
     picks a choice; Tab skips fields that have no choice) and checks the database;
  3. undoes the pick with Ctrl+Z;
  4. opens a case and adds a note;
  5. searches for a word of a letter;
  6. opens the dashboard and a whole page with its field highlighted;
and takes a screenshot of each page into $MAILROOM_SCREENSHOTS (default .build/browser-screenshots).
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
MAILROOM = Path(os.environ.get("MAILROOM_BIN", ROOT / ".build/debug/mailroom"))
SHOTS = Path(os.environ.get("MAILROOM_SCREENSHOTS", ROOT / ".build/browser-screenshots"))
SAMPLES = ["coupon-it-fedelta-001.jpg", "coupon-pl-karta-002.png", "coupon-it-fedelta-003.jpg",
           "letter-ita-001.png", "letter-eng-005.tif"]
PASSWORD = "correct horse battery"


class Station:
    """A scanned database and a running `mailroom serve` over it."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="mailroom-browser-"))
        self.db = self.folder / "mailroom.sqlite"
        scans = self.folder / "scans"
        scans.mkdir()
        for name in SAMPLES:
            shutil.copy(ROOT / "samples" / name, scans / name)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        scan = subprocess.run([str(MAILROOM), "scan", str(scans), "--db", str(self.db), "--log-level", "warning"],
                              env=env, capture_output=True, text=True, cwd=ROOT)
        if scan.returncode not in (0, 1):
            raise RuntimeError(f"mailroom scan failed ({scan.returncode}): {scan.stderr}")
        for name, role in (("anna", "operator"), ("sue", "supervisor")):
            subprocess.run([str(MAILROOM), "operators", "add", name, "--role", role, "--db", str(self.db)],
                           input=PASSWORD + "\n", text=True, check=True, capture_output=True, cwd=ROOT)
        self.log = open(self.folder / "serve.log", "w+")
        self.server = subprocess.Popen([str(MAILROOM), "serve", "--db", str(self.db), "--port", "0"],
                                       stdout=subprocess.PIPE, stderr=self.log, text=True, env=env, cwd=ROOT)
        line = self.server.stdout.readline()
        match = re.search(r"http://(\S+)", line)
        if not match:
            raise RuntimeError(f"mailroom serve did not start: {line!r}")
        self.url = "http://" + match.group(1)

    def query(self, sql, *args):
        with sqlite3.connect(self.db) as connection:
            return connection.execute(sql, args).fetchall()

    def stop(self):
        self.server.terminate()
        self.server.wait(timeout=20)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1100", "--lang=en-US"):
        options.add_argument(argument)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def still_in_page(condition):
    """`condition`, taken as not yet met while the element it reads is being replaced.

    The case page swaps its timeline in after a note is added: Chromium may report the element
    found a moment before as "Node with given id does not belong to the document", a plain
    WebDriverException rather than a stale reference, so the wait's ignored exceptions miss it.
    """
    def check(driver):
        try:
            return condition(driver)
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise
    return check


class StationInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        SHOTS.mkdir(parents=True, exist_ok=True)
        cls.station = Station()
        cls.browser = chromium()
        # The review page reloads after each key: an element found just before may be gone
        # when it is read, so every wait tries again on a stale reference.
        cls.wait = WebDriverWait(cls.browser, 15, ignored_exceptions=(StaleElementReferenceException,))

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        cls.station.stop()

    def shot(self, name):
        self.browser.save_screenshot(str(SHOTS / f"{name}.png"))

    def open(self, path):
        self.browser.get(self.station.url + path)

    def login(self, name="anna"):
        self.browser.delete_all_cookies()
        self.open("/login")
        self.browser.find_element(By.NAME, "name").send_keys(name)
        self.browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
        self.wait.until(EC.url_contains("/review"))

    def value_box(self):
        return self.wait.until(EC.element_to_be_clickable((By.ID, "value")))

    def current_field(self):
        def read(browser):
            box = self.value_box()
            return int(box.get_attribute("data-document")), box.get_attribute("data-field"), box
        return self.wait.until(read)

    def wait_for_next(self, document, field):
        """Waits until the review page shows another field (or none)."""
        def moved(browser):
            boxes = browser.find_elements(By.ID, "value")
            if not boxes:
                return True
            return (boxes[0].get_attribute("data-document"), boxes[0].get_attribute("data-field")) != (str(document), field)
        self.wait.until(moved)

    def decisions(self, document, field):
        return self.station.query("SELECT action, operator_name, new_value FROM field_decision "
                                  "WHERE document_id = ? AND field_name = ? ORDER BY id", document, field)

    def test_1_login_page_refuses_a_wrong_password_then_logs_in(self):
        self.open("/review")
        self.wait.until(EC.url_contains("/login"))
        self.shot("01-login")
        self.browser.find_element(By.NAME, "name").send_keys("anna")
        self.browser.find_element(By.NAME, "password").send_keys("wrong" + Keys.ENTER)
        self.assertIn("Wrong name or password", self.wait.until(EC.presence_of_element_located((By.CLASS_NAME, "error"))).text)
        self.login()
        self.assertIn("anna (operator)", self.browser.find_element(By.TAG_NAME, "header").text)

    def test_2_reviews_three_fields_by_keyboard(self):
        self.login()
        self.shot("02-review")
        # 1. Enter accepts the suggestion.
        document, field, box = self.current_field()
        suggestion = box.get_attribute("data-suggestion")
        box.send_keys(Keys.ENTER)
        self.wait_for_next(document, field)
        self.assertEqual(self.decisions(document, field)[-1][:2], ("accept", "anna"))
        self.assertEqual(self.station.query("SELECT decision, value FROM field WHERE document_id = ? AND name = ?",
                                            document, field)[0], ("accepted", suggestion))

        # 2. Typing corrects: the value on the paper, from the sample's ground truth. Tab passes
        # over fields the machine read right (typing their value back would be an accept), so
        # the test does not depend on which field the queue happens to show first.
        for _ in range(40):
            document, field, box = self.current_field()
            path = self.station.query("SELECT path FROM document WHERE id = ?", document)[0][0]
            truth_file = ROOT / "samples" / (Path(path).stem + ".truth.json")
            truth = json.loads(truth_file.read_text())["fields"].get(field)
            typed = "true" if truth is True else "false" if truth is False else str(truth)
            if truth is not None and typed != box.get_attribute("data-suggestion"):
                break
            box.send_keys(Keys.TAB)
            self.wait_for_next(document, field)
        else:
            self.fail("no misread field came up")
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(typed)
        check = self.wait.until(lambda browser: browser.find_element(By.ID, "check").text or None)
        self.assertIn("would store", check)
        self.shot("03-review-typing")
        box.send_keys(Keys.ENTER)
        self.wait_for_next(document, field)
        action, who, stored = self.decisions(document, field)[-1]
        self.assertEqual((action, who), ("correct", "anna"))

        # 3. Pick a choice: Tab passes over fields without one, then the choice's key picks it.
        for _ in range(40):
            document, field, box = self.current_field()
            choices = self.browser.find_elements(By.CSS_SELECTOR, "button.choice")
            if choices:
                break
            box.send_keys(Keys.TAB)
            self.wait_for_next(document, field)
        else:
            self.fail("no field with a choice came up")
        self.assertIn(f"{document}:{field}", self.browser.current_url + "," + box.get_attribute("data-skip-next"))
        first_choice = choices[0].text.split(" ", 1)[1]
        digits = self.browser.find_element(By.ID, "decide").get_attribute("data-digits") == "true"
        if digits:
            webdriver.ActionChains(self.browser).key_down(Keys.ALT).send_keys("1").key_up(Keys.ALT).perform()
        else:
            box.send_keys("1")
        self.wait.until(lambda browser: len(self.decisions(document, field)) > 0)
        action, who, stored = self.decisions(document, field)[-1]
        self.assertEqual((action, who), ("pick", "anna"))
        picked_field = self.station.query("SELECT value FROM field WHERE document_id = ? AND name = ?", document, field)[0][0]
        self.assertTrue(first_choice.startswith(picked_field) or picked_field in first_choice, (first_choice, picked_field))

        # Ctrl+Z undoes the pick (a pair of postcode and town is undone together).
        self.value_box() if self.browser.find_elements(By.ID, "value") else None
        webdriver.ActionChains(self.browser).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        self.wait.until(lambda browser: self.decisions(document, field)[-1][0] == "undo")
        audit = [row[0] for row in self.station.query("SELECT action FROM audit_log WHERE operator_name = 'anna' ORDER BY id")]
        self.assertEqual([a for a in audit if a.startswith("review.")][:3], ["review.accept", "review.correct", "review.pick"])
        self.assertIn("review.undo", audit)

    def test_3_opens_a_case_and_adds_a_note(self):
        self.login()
        self.open("/cases")
        self.shot("04-cases")
        link = self.wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#case-list a")))
        reference = link.text
        link.click()
        self.wait.until(EC.url_contains(reference))
        note = f"Called the customer back at {time.strftime('%H:%M')}; <b>not</b> markup"
        self.browser.find_element(By.ID, "note-text").send_keys(note)
        self.browser.find_element(By.ID, "note-button").click()
        self.wait.until(still_in_page(EC.text_to_be_present_in_element((By.ID, "timeline"), "Called the customer back")))
        self.assertIn(note, self.browser.find_element(By.ID, "timeline").text)   # shown as text, not as markup
        self.shot("05-case")
        rows = self.station.query("SELECT e.actor, e.text FROM case_event e JOIN customer_case c ON c.id = e.case_id "
                                  "WHERE c.reference = ? AND e.kind = 'note'", reference)
        self.assertIn(("anna", note), rows)

    def test_4_searches_letters_with_snippets(self):
        self.login()
        text = self.station.query("SELECT text FROM document WHERE kind = 'letter' AND text IS NOT NULL ORDER BY id LIMIT 1")[0][0]
        word = max(re.findall(r"[A-Za-z]{6,}", text), key=len)
        self.open("/search")
        self.browser.find_element(By.ID, "search-q").send_keys(word + Keys.ENTER)
        hits = self.wait.until(EC.presence_of_element_located((By.ID, "hits")))
        marks = hits.find_elements(By.TAG_NAME, "mark")
        self.assertTrue(marks, "the snippet marks the match")
        self.assertTrue(any(word.lower() in mark.text.lower() for mark in marks))
        self.shot("06-search")

    def test_5_dashboard_and_whole_page_with_the_field_highlighted(self):
        self.login()
        document, field, _ = self.current_field()
        self.open(f"/documents/{document}?field={field}")
        chosen = self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "svg.page rect.chosen")))
        self.assertGreater(float(chosen.get_attribute("width")), 10)
        picture = self.browser.find_element(By.CSS_SELECTOR, "svg.page image")
        self.assertTrue(self.browser.execute_script(
            "return fetch(arguments[0]).then(r => r.ok && r.headers.get('content-type') === 'image/png')",
            picture.get_attribute("href")))
        self.shot("07-document")
        self.open("/dashboard")
        charts = self.wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "figure.chart svg")))
        self.assertGreaterEqual(len(charts), 3)
        self.assertIn("processed", self.browser.find_element(By.ID, "last-run").text)
        self.shot("08-dashboard")

    def test_6_supervisor_reads_the_audit_log(self):
        self.login("sue")
        self.open("/audit")
        table = self.wait.until(EC.presence_of_element_located((By.ID, "audit")))
        self.assertIn("web.login", table.text)
        self.shot("09-audit")


if __name__ == "__main__":
    unittest.main(verbosity=2)
