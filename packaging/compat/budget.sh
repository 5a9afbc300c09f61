# Size budget of the compatibility builds (decimal MB, unpacked onedir): their older PySide6 and the build
# root's system libraries come out larger than the main build (docs/packaging.md, "Compatibility builds").
# Sourced by packaging/compat/build.sh and by scripts/run-tests.sh for the oldest-PySide6 frozen test.
PLANPROGRESS_COMPAT_SIZE_BUDGET_MB=160
