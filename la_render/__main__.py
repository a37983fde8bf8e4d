from la_render.cli import main

raise SystemExit(main())
