"""The adversarial tests' one way to report: a line per check, a count of failures."""


class Checks:
    def __init__(self):
        self.failures = 0

    def __call__(self, ok, what):
        print(('ok   ' if ok else 'FAIL ') + what, flush=True)
        if not ok:
            self.failures += 1

    def finish(self):
        print('%d failed' % self.failures)
        return 1 if self.failures else 0
