"""la-render: the render pipeline and the `la-render` command."""
