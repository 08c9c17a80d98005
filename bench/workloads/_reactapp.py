"""The React app of the ``react-mui`` workload: the react-ts starter plus generated components.

Not a workload (helpers of ``bench/workloads/react.py``). :func:`write_components` writes, under
an app made from create-vite's ``template-react-ts``:

- ``src/components/Widget000.tsx`` .. ``WidgetNNN.tsx``: typed function components, each with
  three state hooks and one or two blocks of :data:`BLOCKS` (a card, a form, a table, ...: three
  to seven Material UI components each, imported from ``@mui/material``, the package's barrel,
  as MUI's docs write it), half of them with a ``styled()`` root; widget ``k`` renders zero to
  two widgets of higher number (in the DOM from the start: none inside a closed dialog), so
  they form a tree of a few levels, and every widget is reached from the dashboard. Each leaf
  shows the string ``edited-widget-0``;
- ``src/components/Dashboard.tsx``: the root, rendering the widgets no other widget renders,
  in MUI's ``Container``;
- ``src/main.tsx``: the starter's, wrapped in a ``ThemeProvider`` with ``CssBaseline``, rendering
  the starter's ``App`` and then the dashboard.

All randomness comes from ``random.Random`` seeded by a string, and nothing depends on time or
the file system: the same count gives the same bytes. :func:`edit_widget` is the one-file change
of the warm rebuild: it rewrites one string literal of a widget (``EDIT_MARK`` + a number).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

SEED = "react-mui-v1"
ROOTS = 12  # widgets the dashboard renders
EDIT_MARK = "edited-widget-"
DEPENDENCIES = {  # added to the starter's package.json (which has react and react-dom)
    "@emotion/react": "^11.14.0",
    "@emotion/styled": "^11.14.1",
    "@mui/material": "^9.5.0",
}

MAIN_TSX = """\
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material'
import './index.css'
import App from './App.tsx'
import Dashboard from './components/Dashboard.tsx'

const theme = createTheme({
  palette: { primary: { main: '#646cff' }, secondary: { main: '#aa3bff' } },
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <App />
      <Dashboard />
    </ThemeProvider>
  </StrictMode>,
)
"""


# Each block: (MUI names it imports, JSX using them). The JSX uses the widget's variables: `n`
# (its number), `label` (its title), `items` (a few numbers), the state `count`/`setCount`,
# `open`/`setOpen`, `text`/`setText`, and `children` (its child widgets; only the first block of
# a widget renders them).
Block = tuple[tuple[str, ...], str]
BLOCKS: tuple[Block, ...] = (
    (
        ("Card", "CardContent", "CardActions", "Typography", "Button"),
        """<Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h3">{label}</Typography>
          <Typography variant="body2" color="text.secondary">
            Card {n} was clicked {count} times.
          </Typography>
          {children}
        </CardContent>
        <CardActions>
          <Button size="small" onClick={() => setCount((c) => c + 1)}>Add one</Button>
        </CardActions>
      </Card>""",
    ),
    (
        ("Stack", "TextField", "Button", "Alert"),
        """<Stack spacing={2} direction="column">
        <TextField label={label} value={text} size="small"
          onChange={(e) => setText(e.target.value)} />
        <Button variant="contained" onClick={() => setOpen(!open)}>Send {n}</Button>
        {open && <Alert severity="success">Sent: {text || 'nothing'}</Alert>}
        {children}
      </Stack>""",
    ),
    (
        ("List", "ListItem", "ListItemText", "Divider", "Chip"),
        """<List dense>
        {items.map((item) => (
          <ListItem key={item} secondaryAction={<Chip label={item * count} size="small" />}>
            <ListItemText primary={`${label} ${item}`} secondary={`row ${item} of ${n}`} />
          </ListItem>
        ))}
        <Divider />
        {children}
      </List>""",
    ),
    (
        ("Paper", "Tabs", "Tab", "Box", "Typography"),
        """<Paper elevation={2}>
        <Tabs value={count % 3} onChange={(_, value: number) => setCount(value)}>
          <Tab label="One" />
          <Tab label="Two" />
          <Tab label="Three" />
        </Tabs>
        <Box sx={{ p: 2 }}>
          <Typography>{label}: tab {count % 3} of widget {n}</Typography>
          {children}
        </Box>
      </Paper>""",
    ),
    (
        ("FormControlLabel", "Switch", "Checkbox", "Slider", "FormGroup"),
        """<FormGroup>
        <FormControlLabel label={label}
          control={<Switch checked={open} onChange={() => setOpen(!open)} />} />
        <FormControlLabel label={`Option ${n}`}
          control={<Checkbox defaultChecked={n % 2 === 0} />} />
        <Slider value={count} min={0} max={100}
          onChange={(_, value) => setCount(value as number)} />
        {children}
      </FormGroup>""",
    ),
    (
        ("Accordion", "AccordionSummary", "AccordionDetails", "Typography"),
        """<Accordion expanded={open} onChange={() => setOpen(!open)}>
        <AccordionSummary>
          <Typography>{label}</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <Typography>Details of section {n}, opened {count} times.</Typography>
          {children}
        </AccordionDetails>
      </Accordion>""",
    ),
    (
        ("Table", "TableHead", "TableBody", "TableRow", "TableCell", "TableContainer", "Paper"),
        """<TableContainer component={Paper}>
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>Item</TableCell>
              <TableCell align="right">Value</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((item) => (
              <TableRow key={item} onClick={() => setCount(item)} selected={item === count}>
                <TableCell>{label} {item}</TableCell>
                <TableCell align="right">{(item * n) % 97}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {children}
      </TableContainer>""",
    ),
    (
        ("Dialog", "DialogTitle", "DialogContent", "DialogActions", "Button"),
        """<>
        <Button variant="outlined" onClick={() => setOpen(true)}>{label}</Button>
        <Dialog open={open} onClose={() => setOpen(false)}>
          <DialogTitle>Dialog {n}</DialogTitle>
          <DialogContent>Widget {n} has {items.length} items.</DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>Close</Button>
          </DialogActions>
        </Dialog>
        {children}
      </>""",
    ),
    (
        ("Badge", "Avatar", "Tooltip", "IconButton", "Stack"),
        """<Stack direction="row" spacing={1} alignItems="center">
        <Tooltip title={label}>
          <IconButton onClick={() => setCount((c) => c + 1)}>
            <Badge badgeContent={count} color="secondary">
              <Avatar>{String.fromCharCode(65 + (n % 26))}</Avatar>
            </Badge>
          </IconButton>
        </Tooltip>
        {children}
      </Stack>""",
    ),
    (
        ("Select", "MenuItem", "FormControl", "InputLabel", "Box"),
        """<Box sx={{ minWidth: 120 }}>
        <FormControl fullWidth size="small">
          <InputLabel id={`select-${n}`}>{label}</InputLabel>
          <Select labelId={`select-${n}`} value={count % 3} label={label}
            onChange={(e) => setCount(Number(e.target.value))}>
            <MenuItem value={0}>Zero</MenuItem>
            <MenuItem value={1}>One</MenuItem>
            <MenuItem value={2}>Two</MenuItem>
          </Select>
        </FormControl>
        {children}
      </Box>""",
    ),
    (
        ("LinearProgress", "CircularProgress", "Typography", "Box"),
        """<Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Typography variant="caption">{label}</Typography>
        <LinearProgress variant="determinate" value={(count * 7 + n) % 100} />
        {open ? <CircularProgress size={24} /> : null}
        {children}
      </Box>""",
    ),
    (
        ("Snackbar", "Button", "Rating", "Stack"),
        """<Stack spacing={1}>
        <Rating value={count % 6} onChange={(_, value) => setCount(value ?? 0)} />
        <Button onClick={() => setOpen(true)}>{label}</Button>
        <Snackbar open={open} autoHideDuration={2000} onClose={() => setOpen(false)}
          message={`Rated ${count % 6} in widget ${n}`} />
        {children}
      </Stack>""",
    ),
    (
        ("Breadcrumbs", "Link", "Typography", "Pagination", "Stack"),
        """<Stack spacing={1}>
        <Breadcrumbs>
          <Link underline="hover" color="inherit" href="#">Home</Link>
          <Typography color="text.primary">{label}</Typography>
        </Breadcrumbs>
        <Pagination count={10} page={(count % 10) + 1} onChange={(_, page) => setCount(page - 1)} />
        {children}
      </Stack>""",
    ),
    (
        ("ToggleButtonGroup", "ToggleButton", "Chip", "Stack"),
        """<Stack direction="row" spacing={1}>
        <ToggleButtonGroup exclusive size="small" value={count % 3}
          onChange={(_, value) => setCount(value ?? 0)}>
          <ToggleButton value={0}>Left</ToggleButton>
          <ToggleButton value={1}>Center</ToggleButton>
          <ToggleButton value={2}>Right</ToggleButton>
        </ToggleButtonGroup>
        <Chip label={label} color={open ? 'primary' : 'default'} onClick={() => setOpen(!open)} />
        {children}
      </Stack>""",
    ),
    (
        ("Stepper", "Step", "StepLabel", "Button", "Box"),
        """<Box>
        <Stepper activeStep={count % 3}>
          {['Start', 'Middle', 'End'].map((step) => (
            <Step key={step}><StepLabel>{step}</StepLabel></Step>
          ))}
        </Stepper>
        <Button onClick={() => setCount((c) => c + 1)}>{label}</Button>
        {children}
      </Box>""",
    ),
    (
        ("RadioGroup", "Radio", "FormControlLabel", "FormLabel", "FormControl"),
        """<FormControl>
        <FormLabel>{label}</FormLabel>
        <RadioGroup row value={String(count % 2)}
          onChange={(e) => setCount(Number(e.target.value))}>
          <FormControlLabel value="0" control={<Radio />} label="No" />
          <FormControlLabel value="1" control={<Radio />} label="Yes" />
        </RadioGroup>
        {children}
      </FormControl>""",
    ),
    (
        ("Skeleton", "Grid", "Paper", "Typography"),
        """<Grid container spacing={1}>
        {items.map((item) => (
          <Grid key={item} size={{ xs: 12, sm: 6, md: 4 }}>
            <Paper sx={{ p: 1 }}>
              {open ? <Skeleton variant="text" /> : <Typography>{label} {item}</Typography>}
            </Paper>
          </Grid>
        ))}
        {children}
      </Grid>""",
    ),
    (
        ("Autocomplete", "TextField", "Box"),
        """<Box sx={{ width: 240 }}>
        <Autocomplete
          options={items.map((item) => `${label} ${item}`)}
          onChange={() => setCount((c) => c + 1)}
          renderInput={(params) => <TextField {...params} label={`Pick (${count})`} size="small" />}
        />
        {children}
      </Box>""",
    ),
)

WORDS = (
    "Revenue",
    "Orders",
    "Customers",
    "Inventory",
    "Shipping",
    "Returns",
    "Invoices",
    "Reports",
    "Settings",
    "Profile",
    "Messages",
    "Calendar",
    "Projects",
    "Tasks",
    "Teams",
    "Billing",
    "Analytics",
    "Campaigns",
    "Products",
    "Reviews",
    "Suppliers",
    "Warehouses",
    "Payments",
    "Refunds",
    "Discounts",
    "Subscriptions",
    "Notifications",
    "Security",
)


@dataclass(frozen=True, slots=True)
class Widget:
    """What widget ``number``'s source is made of."""

    number: int
    children: tuple[int, ...]  # the widgets it renders (higher numbers)
    blocks: tuple[int, ...]  # indexes into BLOCKS; the first one renders the children
    label: str
    items: tuple[int, ...]
    hue: int | None  # the border of its styled() root; None: a plain <div>
    spacing: int

    @property
    def name(self) -> str:
        return widget_name(self.number)


def widget_name(number: int) -> str:
    return f"Widget{number:03d}"


def plan(count: int) -> list[Widget]:
    """The ``count`` widgets: a forest under the dashboard, every widget rendered somewhere.

    The first 12 are the dashboard's; every later one gets one parent among the 40 widgets
    before it that has fewer than two children, so the tree is a few levels deep.
    """
    tree = random.Random(SEED + "-tree")
    children: dict[int, list[int]] = {k: [] for k in range(count)}
    for k in range(min(count, ROOTS), count):
        candidates = [p for p in range(max(0, k - 40), k) if len(children[p]) < 2]
        if not candidates:
            raise RuntimeError(f"no parent left for widget {k}")
        children[tree.choice(candidates)].append(k)
    rng = random.Random(SEED)
    widgets = []
    for k in range(count):
        blocks = tuple(rng.sample(range(len(BLOCKS)), 2 if rng.random() < 0.35 else 1))
        label = f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} {k}"
        items = tuple(sorted(rng.sample(range(1, 20), rng.randint(2, 5))))
        hue = rng.randint(0, 359) if rng.random() < 0.5 else None
        widgets.append(Widget(k, tuple(children[k]), blocks, label, items, hue, rng.randint(1, 3)))
    return widgets


def roots(widgets: list[Widget]) -> list[int]:
    """The widgets no other widget renders (the dashboard's)."""
    rendered = {c for w in widgets for c in w.children}
    return [w.number for w in widgets if w.number not in rendered]


def leaves(widgets: list[Widget]) -> list[int]:
    """The widgets that render none (whose marker :func:`edit_widget` can change)."""
    return [w.number for w in widgets if not w.children]


def render_widget(widget: Widget) -> str:
    """The TSX source of ``widget``."""
    names = sorted({name for b in widget.blocks for name in BLOCKS[b][0]})
    body = "\n      ".join(
        BLOCKS[b][1] if i == 0 else BLOCKS[b][1].replace("{children}", "")
        for i, b in enumerate(widget.blocks)
    )
    imports = ["import { useState } from 'react'"]
    if widget.children:
        imports.append("import type { ReactNode } from 'react'")
    imports.append("import { " + ", ".join(names) + " } from '@mui/material'")
    if widget.hue is not None:
        imports.append("import { styled } from '@mui/material/styles'")
    imports += [f"import {widget_name(c)} from './{widget_name(c)}.tsx'" for c in widget.children]
    lines = [*imports, ""]
    if widget.hue is not None:
        lines += [
            "const Section = styled('section')(({ theme }) => ({",
            f"  padding: theme.spacing({widget.spacing}),",
            f"  borderLeft: `3px solid hsl({widget.hue} 70% 50%)`,",
            "  marginBottom: theme.spacing(1),",
            "}))",
            "",
        ]
    name, k = widget.name, widget.number
    lines += [
        f"export interface {name}Props {{",
        "  title?: string",
        "}",
        "",
        f"const items: readonly number[] = [{', '.join(map(str, widget.items))}]",
        "",
        f"export default function {name}({{ title = '{widget.label}' }}: {name}Props) {{",
        f"  const n = {k}",
        "  const label = title",
        "  const [count, setCount] = useState(0)",
        "  const [open, setOpen] = useState(false)",
        "  const [text, setText] = useState('')",
    ]
    if widget.children:
        lines += ["  const children: ReactNode = (", "    <>"]
        lines += [
            f'      <{widget_name(c)} title="{widget.label} / {c}" />' for c in widget.children
        ]
        lines += ["    </>", "  )"]
    else:
        lines.append(f"  const children = <span data-widget=\"{k}\">{{'{EDIT_MARK}0'}}</span>")
    tag = "Section" if widget.hue is not None else "div"
    lines += [
        "  return (",
        f'    <{tag} data-widget="{k}">',
        f"      {body}",
        f"    </{tag}>",
        "  )",
        "}",
        "",
    ]
    return re.sub(r"\n +\n", "\n", "\n".join(lines))  # the blank line of a dropped {children}


def render_dashboard(numbers: list[int]) -> str:
    imports = [f"import {widget_name(k)} from './{widget_name(k)}.tsx'" for k in numbers]
    rendered = "\n      ".join(f"<{widget_name(k)} />" for k in numbers)
    return (
        "import { Container, Typography } from '@mui/material'\n"
        + "\n".join(imports)
        + "\n\nexport default function Dashboard() {\n  return (\n"
        '    <Container maxWidth="lg">\n'
        '      <Typography variant="h4" component="h2">Dashboard</Typography>\n'
        f"      {rendered}\n"
        "    </Container>\n  )\n}\n"
    )


def write_components(app: Path, count: int) -> list[Widget]:
    """Write the widgets, the dashboard and ``src/main.tsx`` into ``app``; the plan."""
    widgets = plan(count)
    folder = app / "src" / "components"
    folder.mkdir(parents=True, exist_ok=True)
    for widget in widgets:
        (folder / f"{widget.name}.tsx").write_text(render_widget(widget))
    (folder / "Dashboard.tsx").write_text(render_dashboard(roots(widgets)))
    (app / "src" / "main.tsx").write_text(MAIN_TSX)
    return widgets


def widget_path(app: Path, number: int) -> Path:
    return app / "src" / "components" / f"{widget_name(number)}.tsx"


_MARK = re.compile(re.escape(EDIT_MARK) + r"\d+")


def edit_widget(path: Path, number: int) -> str:
    """Change the leaf widget at ``path``'s marker string to ``EDIT_MARK + number``; the text."""
    source = path.read_text()
    if not _MARK.search(source):
        raise RuntimeError(f"{path}: no {EDIT_MARK!r} marker (not a leaf widget?)")
    mark = f"{EDIT_MARK}{number}"
    path.write_text(_MARK.sub(mark, source))
    return mark
