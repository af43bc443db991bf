from faceplate_db.cli import main

raise SystemExit(main())
