/**
 * The "Infusion check" block in the editor: plain JavaScript (no build step).
 * Its settings are the clinic's details, each empty by default (then the one
 * from Settings → Infusion check is used); the preview is the server's own
 * rendering: the numbers to call, as a patient sees them before the check
 * starts. The check itself runs on the published page.
 */
( function ( wp ) {
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var PanelBody = wp.components.PanelBody;
	var TextControl = wp.components.TextControl;
	var SelectControl = wp.components.SelectControl;
	var ServerSideRender = wp.serverSideRender;

	var fields = [
		[ 'clinicName', __( 'Clinic name', 'infusion-check' ), '' ],
		[ 'clinicPhone', __( 'Clinic phone', 'infusion-check' ), __( 'Digits, spaces and + - ( ) only.', 'infusion-check' ) ],
		[ 'afterHoursPhone', __( 'After-hours phone', 'infusion-check' ), '' ],
		[ 'emergencyNumber', __( 'Emergency number', 'infusion-check' ), '' ],
		[ 'infusion', __( 'What is in the drip', 'infusion-check' ), '' ],
		[ 'therapy', __( 'The drip every patient had (preset)', 'infusion-check' ), __( 'Names from magnesium, iron, vitamin-c, vitamin-drip, like "magnesium vitamin-c": everything that was in it. Patients are not asked.', 'infusion-check' ) ],
		[ 'therapies', __( 'The drips you give (patients choose)', 'infusion-check' ), __( 'Names from magnesium, iron, vitamin-c, vitamin-drip, like "iron vitamin-c": with two or more, patients pick theirs first.', 'infusion-check' ) ],
		[ 'accent', __( 'Accent colour', 'infusion-check' ), __( 'Like #0a5c8f.', 'infusion-check' ) ],
		[ 'stickyOffset', __( 'Sticky header height', 'infusion-check' ), __( "Pixels, 0 to 200: the height of your theme's header if it stays on screen.", 'infusion-check' ) ],
		[ 'hours', __( 'Opening hours', 'infusion-check' ), __( 'Like Mo-Fr 08:00-18:00; Sa 09:00-13:00.', 'infusion-check' ) ],
		[ 'timezone', __( 'Time zone', 'infusion-check' ), __( 'Like America/Los_Angeles (needed with opening hours).', 'infusion-check' ) ],
	];

	wp.blocks.registerBlockType( 'infusion-check/widget', {
		edit: function ( props ) {
			var attributes = props.attributes;
			var controls = fields.map( function ( field ) {
				return el( TextControl, {
					key: field[ 0 ],
					label: field[ 1 ],
					help: field[ 2 ] || __( 'Empty: the one in Settings → Infusion check.', 'infusion-check' ),
					value: attributes[ field[ 0 ] ],
					onChange: function ( value ) {
						var change = {};
						change[ field[ 0 ] ] = value;
						props.setAttributes( change );
					},
				} );
			} );
			controls.splice(
				4,
				0,
				el( SelectControl, {
					key: 'lang',
					label: __( 'Language', 'infusion-check' ),
					value: attributes.lang,
					options: [
						{ value: '', label: __( 'As in Settings → Infusion check', 'infusion-check' ) },
						{ value: 'auto', label: __( "The phone's language", 'infusion-check' ) },
						{ value: 'en', label: __( 'English', 'infusion-check' ) },
						{ value: 'es', label: __( 'Spanish', 'infusion-check' ) },
					],
					onChange: function ( value ) {
						props.setAttributes( { lang: value } );
					},
				} )
			);
			return el(
				'div',
				useBlockProps( { style: { borderLeft: '4px solid #0a5c8f', paddingLeft: '1em' } } ),
				el(
					InspectorControls,
					null,
					el( PanelBody, { title: __( "Your clinic's details", 'infusion-check' ) }, controls )
				),
				el(
					'p',
					{ className: 'infusion-check-editor-note' },
					__( 'Infusion check: the symptom check starts here on the published page. Before it starts, patients see:', 'infusion-check' )
				),
				el( ServerSideRender, { block: 'infusion-check/widget', attributes: attributes } )
			);
		},
		// Rendered on the server: nothing is saved in the post but the block's settings.
		save: function () {
			return null;
		},
	} );
} )( window.wp );
