"""Response headers Django does not set itself."""


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: no inline scripts from strangers, no third parties.

    Pages may use inline <script type="application/ld+json"> (data, not code) and our own
    static scripts. Permissions-Policy allows the camera only on this origin (check-in scanner).
    """

    POLICY = (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
        return response
