"""How a citizen moves through the portal: by tapping on a phone, clicking on a desktop, or with the
keyboard alone. Journeys are written once against `Citizen` and run in each of those ways."""

from playwright.sync_api import expect

# Tab presses allowed to reach a link before a journey counts as not keyboard usable.
MAX_TABS = 150  # a program page has many links (sections, sources, share box)

FOCUS_IS_VISIBLE = """el => {
  const style = getComputedStyle(el);
  return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
}"""

LEAVES_PAGE = """() => {
  const el = document.activeElement;
  const href = el.getAttribute("href");
  return href === null ? Boolean(el.form) : !href.startsWith("#");
}"""


class Citizen:
    def __init__(self, page, how, javascript):
        self.page = page
        self.how = how  # "tap", "click" or "keyboard"
        self.javascript = javascript

    def follow(self, link):
        """Activates `link` the way this citizen does."""
        if self.how == "keyboard":
            self.tab_to(link)
            self.press_enter()
        elif self.how == "tap":
            link.tap()
        else:
            link.click()

    def search(self, words):
        """Types `words` into the page's search box, letter by letter."""
        box = self.page.get_by_role("searchbox", name="Cari informasi bansos")
        if self.how == "keyboard":
            self.tab_to(box)
        elif self.how == "tap":
            box.tap()
        else:
            box.click()
        self.page.keyboard.type(words)

    def submit_search(self):
        if self.how == "keyboard":
            self.press_enter()
        else:
            self.follow(self.page.get_by_role("button", name="Cari", exact=True))

    def press_enter(self):
        """Presses Enter; when that leaves the page (a link elsewhere, a form), waits for the next page."""
        leaves = self.page.evaluate(LEAVES_PAGE)
        if leaves:
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        else:
            self.page.keyboard.press("Enter")

    def skip_to_content(self):
        """The first Tab shows the skip link; Enter moves the keyboard past the header."""
        self.page.keyboard.press("Tab")
        skip = self.page.get_by_role("link", name="Langsung ke isi utama")
        expect(skip).to_be_focused()
        assert skip.bounding_box()["x"] >= 0, "the focused skip link is off screen"
        self.page.keyboard.press("Enter")
        expect(self.page.locator("main")).to_be_focused()

    def tab_to(self, target):
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            focused = self.page.locator(":focus")
            assert focused.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {focused.evaluate('el => el.outerHTML')}"
            if target.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError(f"{target} not reached with {MAX_TABS} presses of Tab")
