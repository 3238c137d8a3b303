from pathlib import Path

from django.conf import settings

# WhiteNoise warns (an error in tests) when STATIC_ROOT does not exist yet on a clean clone.
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
