"""Django's named date formats (DATE_FORMAT, TIME_FORMAT, ...) for the languages whose Django
defaults disagree with CLDR: Kazakh (Django has none, so it fell back to "N j, Y" and a 12-hour
clock with "Т.Қ.") and English ("2 p.m." instead of "2:00 PM"). They serve what still goes
through Django's formatting (form widgets, a bare `{{ date }}`); pages, e-mails and exports use
shanyraq/core/when.py (Babel). core/tests/test_when.py checks both agree with CLDR."""
